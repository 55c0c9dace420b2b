"""What the dossier side does with e-forms: find a procedure's form in the
citizen's language, keep the answers with a snapshot of the form when the
dossier is submitted, and attach the filled-in declaration PDF to it.

The declaration is a dossier file like the uploads, and as crash-safe
(portal/dossiers/files.py): it is made by the background worker once the
submission commits (`enqueue_on_commit`); its file is written before the row
that names it, and a second maker (the worker, a download, the recovery job)
finds the first one's row under a lock and removes its own file. A dossier
whose declaration is still missing (a crash, a failed task) gets it from
`manage.py recover_dossier_files` or on the first download.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django_tasks import task
from wagtail.models import Locale

from portal.tasks import enqueue_on_commit

from .answers import masked_section_rows, rows_json
from .definition import Definition
from .models import EForm, FilledForm
from .pdf import DeclarationFacts, declaration_pdf

logger = logging.getLogger(__name__)


def form_for_procedure(procedure, language: str) -> EForm | None:
    """The published e-form of a procedure, in `language` when translated."""
    form = getattr(procedure, "eform", None)
    if form is None:
        return None
    locale = Locale.objects.filter(language_code=language).first()
    translated = form.get_translation_or_none(locale) if locale else None
    if translated is not None and translated.live:
        return translated
    return form if form.live else None


@dataclass(frozen=True)
class FormAnswers:
    """An e-form as the citizen answered it: the definition copied into the
    draft, the answers, and the snippet it came from (if it still exists)."""

    definition: Definition
    answers: dict
    form_id: int | None = None


def keep_answers(dossier, form_answers: FormAnswers) -> FilledForm:
    """Store the answers with the definition they answer (call inside the
    submission's transaction); the declaration PDF follows after commit."""
    definition = form_answers.definition
    filled = FilledForm.objects.create(
        dossier=dossier,
        form=EForm.objects.filter(pk=form_answers.form_id).first()
        if form_answers.form_id
        else None,
        form_key=definition.get("key", ""),
        title=definition.get("title", ""),
        language=dossier.language,
        definition=definition,
        answers=form_answers.answers,
    )
    enqueue_on_commit(declaration_task, filled.pk)
    return filled


@task()
def declaration_task(filled_pk: int) -> None:
    """Make and attach one dossier's declaration PDF (idempotent)."""
    # A PDF that fails here is made by the recovery job or on the first download.
    try:
        filled = (
            FilledForm.objects.select_related("dossier").filter(pk=filled_pk).first()
        )
        if filled is not None:  # the dossier may have been deleted meanwhile
            attach_declaration(filled)
    except Exception:
        logger.exception(
            "Could not make the declaration PDF of filled form %s", filled_pk
        )


def declaration_bytes(filled: FilledForm) -> bytes:
    """The declaration PDF of a dossier, made from its snapshot and answers."""
    dossier = filled.dossier
    facts = DeclarationFacts(
        dossier_code=dossier.code,
        agency_name=dossier.agency.name,
        applicant_name=dossier.applicant_name,
        submitted_at=dossier.received_at,
        language=filled.language or dossier.language,
    )
    return declaration_pdf(filled.definition, filled.answers, facts)


def attach_declaration(filled: FilledForm):
    """The dossier document holding the declaration PDF, made once; None for
    an anonymised dossier (its answers are gone, so is its declaration)."""
    from portal.dossiers.models import DossierDocument, dossier_file_name

    if filled.declaration_id is not None:
        return filled.declaration
    dossier = filled.dossier
    if dossier.anonymised_at is not None:
        return None
    content = declaration_bytes(filled)
    requirement = None
    if dossier.procedure_id is not None:
        requirement = dossier.procedure.documents.filter(filled_online=True).first()
    document = DossierDocument(
        dossier=dossier,
        procedure_document=requirement,
        document_name=requirement.name if requirement else filled.title,
        original_name=f"to-khai-{dossier.code}.pdf",
        size=len(content),
        content_type="application/pdf",
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_at=dossier.received_at,
    )
    # The file exists before the row that names it (portal/dossiers/files.py).
    document.file.save(
        dossier_file_name(dossier, "pdf"), ContentFile(content), save=False
    )
    filled.declaration = _keep_first_declaration(filled, document)
    return filled.declaration


def _keep_first_declaration(filled: FilledForm, document):
    """Save `document` as the declaration unless another maker was first; the
    loser's file goes. Returns the declaration that stays."""
    from portal.dossiers.files import delete_quietly

    kept = None
    try:
        with transaction.atomic():
            locked = FilledForm.objects.select_for_update().get(pk=filled.pk)
            kept = locked.declaration  # None, or the first maker's document
            if kept is None:
                document.save()
                FilledForm.objects.filter(pk=filled.pk).update(declaration=document)
                kept = document
    finally:
        if kept is not document:
            delete_quietly([document.file.name])
    return kept


def masked_answers(dossier) -> dict | None:
    """The e-form answers as the public tracking page and API show them."""
    filled = FilledForm.objects.filter(dossier=dossier).first()
    if filled is None or dossier.anonymised_at is not None:
        return None
    sections = masked_section_rows(filled.definition, filled.answers)
    return {
        "title": filled.title,
        "sections": [
            {"title": section.title, "answers": rows_json(section.rows)}
            for section in sections
        ],
    }
