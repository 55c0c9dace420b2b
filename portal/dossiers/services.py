"""Submitting a dossier: the one place that turns a finished draft into a record.

`submit_dossier()` runs in one transaction: the dossier, its documents and its
first status event are created together; the draft's files get their final
names before the commit and lose their draft names after it (files.py), so a
committed dossier always has its files; a replayed submission returns the
dossier the first one created.
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from portal.eforms.services import FormAnswers, keep_answers
from portal.locales import default_locale

from .calendar import WorkingCalendar, load_calendar
from .consent import consent_record
from .emails import send_receipt_email
from .files import delete_quietly, discard_draft_uploads, finish_draft, stage_files
from .models import (
    VERIFICATION_ALPHABET,
    ApplicantType,
    Dossier,
    DossierCodeCounter,
    DossierDocument,
    DossierDraft,
    DossierStatus,
    DraftUpload,
    ReceiptMethod,
    StatusEvent,
    dossier_file_name,
    private_storage,
)

logger = logging.getLogger(__name__)

DEFAULT_CODE_PATTERN = "{prefix}-{date:%y%m%d}-{seq:04d}-{random}"
DEFAULT_SEQUENCE_SCOPE = "{prefix}-{date:%y%m%d}"
DEFAULT_CODE_PREFIX = "HS"


@dataclass
class Answers:
    """Everything the citizen answered, as the wizard's forms cleaned it."""

    applicant_type: str
    applicant_name: str
    applicant_id_number: str
    applicant_birth_date: date | None
    applicant_phone: str
    applicant_email: str
    applicant_address: str
    receipt_method: str
    postal_address: str = ""
    organisation_name: str = ""
    organisation_tax_code: str = ""
    organisation_representative: str = ""
    fee_label: str = ""
    fee_vnd: int | None = None
    # The procedure's e-form as answered (None when it has none).
    form: FormAnswers | None = None


def code_prefix_for(agency) -> str:
    prefix = (getattr(agency, "code_prefix", "") or "").strip().upper()
    return prefix or getattr(
        settings, "DOSSIER_CODE_DEFAULT_PREFIX", DEFAULT_CODE_PREFIX
    )


def random_part(length: int = 4) -> str:
    return "".join(secrets.choice(VERIFICATION_ALPHABET) for _ in range(length))


def next_sequence(key: str) -> int:
    """The next number for `key`. Must run inside a transaction.

    The UPDATE locks the counter row until the transaction ends, so parallel
    submissions on the same key queue up instead of reading the same value.
    The first submission of a key creates the row; a parallel one that loses
    that race gets an IntegrityError in its savepoint and increments instead.
    """
    if DossierCodeCounter.objects.filter(key=key).update(value=F("value") + 1) == 0:
        try:
            with transaction.atomic():
                DossierCodeCounter.objects.create(key=key, value=1)
            return 1
        except IntegrityError:
            DossierCodeCounter.objects.filter(key=key).update(value=F("value") + 1)
    return DossierCodeCounter.objects.values_list("value", flat=True).get(key=key)


def generate_code(agency, when: datetime) -> str:
    """A new dossier code from `DOSSIER_CODE_PATTERN` (prefix, date, sequence, random)."""
    pattern = getattr(settings, "DOSSIER_CODE_PATTERN", DEFAULT_CODE_PATTERN)
    scope = getattr(settings, "DOSSIER_CODE_SEQUENCE_SCOPE", DEFAULT_SEQUENCE_SCOPE)
    local = timezone.localtime(when)
    prefix = code_prefix_for(agency)
    key = scope.format(prefix=prefix, date=local)[:64]
    seq = next_sequence(key)
    return pattern.format(
        prefix=prefix, date=local, seq=seq, random=random_part()
    ).upper()[:40]


def default_locale_row(obj):
    """The default-locale translation of a snippet (agency, sector), or itself
    (the default locale read once per request: portal.locales)."""
    default = default_locale()
    if default is None or obj.locale_id == default.pk:
        return obj
    return obj.get_translation_or_none(default) or obj


def _final_name(dossier: Dossier, upload: DraftUpload) -> str:
    return dossier_file_name(dossier, os.path.splitext(upload.file.name)[1])


def _answer_fields(answers: Answers) -> dict:
    """The dossier fields the applicant answered; organisation and postal
    details only when they apply (answers left on a skipped step do not)."""
    organisation = answers.applicant_type == ApplicantType.ORGANISATION
    return {
        "applicant_type": answers.applicant_type,
        "applicant_name": answers.applicant_name,
        "applicant_id_number": answers.applicant_id_number,
        "applicant_birth_date": answers.applicant_birth_date,
        "applicant_phone": answers.applicant_phone,
        "applicant_email": answers.applicant_email,
        "applicant_address": answers.applicant_address,
        "organisation_name": answers.organisation_name if organisation else "",
        "organisation_tax_code": answers.organisation_tax_code if organisation else "",
        "organisation_representative": answers.organisation_representative
        if organisation
        else "",
        "receipt_method": answers.receipt_method,
        "postal_address": answers.postal_address
        if answers.receipt_method == ReceiptMethod.POST
        else "",
        "fee_label": answers.fee_label,
        "fee_vnd": answers.fee_vnd,
    }


def _copy_uploads(draft: DossierDraft, dossier: Dossier) -> list[tuple[int, str, str]]:
    """One DossierDocument per draft upload; returns the copies to make
    before the commit as (upload pk, draft name, final name)."""
    copies = []
    documents = []
    for upload in draft.uploads.select_related("procedure_document").order_by("pk"):
        target = _final_name(dossier, upload)
        documents.append(
            DossierDocument(
                dossier=dossier,
                procedure_document=upload.procedure_document,
                document_name=upload.document_name,
                file=target,
                original_name=upload.original_name,
                size=upload.size,
                content_type=upload.content_type,
                sha256=upload.sha256,
                uploaded_at=upload.uploaded_at,
            )
        )
        copies.append((upload.pk, upload.file.name, target))
    DossierDocument.objects.bulk_create(documents)
    return copies


def _consent_fields(language: str, received_at: datetime) -> dict:
    """What the citizen agreed to (Decree 13/2023), as they read it."""
    version, text = consent_record(language)
    return {"consent_version": version, "consent_text": text, "consent_at": received_at}


def _create_dossier(
    draft: DossierDraft,
    procedure,
    answers: Answers,
    received_at: datetime,
    calendar: WorkingCalendar,
) -> Dossier:
    """The dossier row: a new code, the procedure's facts copied, the answers,
    and the appointment date counted in working days from receipt."""
    counting_from, due = calendar.appointment(
        received_at, procedure.processing_time_days
    )
    agency = default_locale_row(procedure.agency)
    return Dossier.objects.create(
        code=generate_code(agency, received_at),
        submission_id=draft.instance_id,
        procedure=procedure,
        procedure_code=procedure.code,
        procedure_name=procedure.name,
        agency=agency,
        sector=default_locale_row(procedure.sector),
        language=draft.language,
        **_answer_fields(answers),
        status=DossierStatus.RECEIVED,
        received_at=received_at,
        processing_days=Decimal(procedure.processing_time_days),
        counting_from=counting_from,
        first_appointment_date=due,
        appointment_date=due,
        draft=draft,
        **_consent_fields(draft.language, received_at),
    )


def submit_dossier(
    draft: DossierDraft,
    answers: Answers,
    *,
    received_at: datetime | None = None,
    calendar: WorkingCalendar | None = None,
) -> Dossier:
    """Create the dossier for a finished draft, once.

    Idempotent: the draft's instance id is the dossier's unique submission id,
    and the draft row is locked while the dossier is created, so a double click
    or a replayed request returns the same dossier.
    """
    existing = Dossier.objects.filter(submission_id=draft.instance_id).first()
    if existing is not None:
        return existing
    procedure = draft.procedure
    if procedure is None:
        raise ValueError("The draft's procedure no longer exists.")
    received_at = received_at or timezone.now()
    calendar = calendar or load_calendar()
    staged: list[str] = []
    try:
        with transaction.atomic():
            locked = DossierDraft.objects.select_for_update().get(pk=draft.pk)
            existing = Dossier.objects.filter(submission_id=locked.instance_id).first()
            if existing is not None:
                return existing
            dossier = _create_dossier(locked, procedure, answers, received_at, calendar)
            copies = _copy_uploads(locked, dossier)
            # Final copies exist before the rows that name them commit (files.py).
            stage_files([(source, target) for _pk, source, target in copies], staged)
            StatusEvent.objects.create(
                dossier=dossier,
                from_status="",
                to_status=DossierStatus.RECEIVED,
                appointment_date=dossier.appointment_date,
                created_at=received_at,
            )
            if answers.form is not None:
                keep_answers(dossier, answers.form)
            locked.submitted_at = received_at
            locked.save(update_fields=["submitted_at", "updated_at"])
            transaction.on_commit(
                partial(discard_draft_uploads, [pk for pk, _s, _t in copies])
            )
            # Queued in this transaction: sent by the worker once it commits.
            send_receipt_email(dossier)
    except IntegrityError:
        # A parallel replay of the same submission committed first.
        delete_quietly(staged)
        existing = Dossier.objects.filter(submission_id=draft.instance_id).first()
        if existing is None:
            raise
        return existing
    except BaseException:
        delete_quietly(staged)
        raise
    return dossier


def delete_draft(draft: DossierDraft) -> None:
    """Delete a draft and its stored uploads."""
    storage = private_storage()
    if draft.submitted_at is not None:
        finish_draft(draft)
    for upload in draft.uploads.all():
        if upload.file and storage.exists(upload.file.name):
            storage.delete(upload.file.name)
    draft.delete()


def purge_expired_drafts(now: datetime | None = None) -> int:
    """Delete drafts past their retention date, with their files. Returns the count."""
    now = now or timezone.now()
    count = 0
    for draft in DossierDraft.objects.filter(expires_at__lte=now).iterator():
        delete_draft(draft)
        count += 1
    return count
