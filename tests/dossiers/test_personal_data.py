"""Decree 13/2023: the consent each dossier records, and closed dossiers'
personal data removed after the retention period while statistics keep
their counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from portal.dossiers.consent import CONSENT_VERSION
from portal.dossiers.models import Dossier, DossierDocument, DossierStatus, StatusEvent
from portal.dossiers.public_status import public_status
from portal.dossiers.retention import purge_personal_data
from portal.eforms.services import attach_declaration
from portal.transparency import statistics as stats
from portal.transparency.models import DossierRating
from tests.eforms.samples import BIRTH, BIRTH_ANSWERS, sample
from tests.factories.backoffice import DossierFactory
from tests.factories.eforms import FilledFormFactory
from tests.files import pdf_bytes

from .conftest import walk_to_check

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "words"),
    [("vi", "Nghị định 13/2023/NĐ-CP"), ("en", "Decree 13/2023/NĐ-CP")],
)
def test_each_dossier_records_the_consent_it_was_given(walker, language, words):
    walker.language = language
    walker.start()
    walk_to_check(walker)
    walker.post("check")
    walker.post("declaration", {"declaration": "on", "consent": "on"})
    dossier = Dossier.objects.get()
    assert dossier.consent_version == CONSENT_VERSION
    assert words in dossier.consent_text
    assert dossier.consent_at == dossier.received_at


def closed_dossier(days_ago: int, status=DossierStatus.RESULT_RETURNED) -> Dossier:
    dossier = DossierFactory(status=status, applicant_email="an@example.vn")
    when = timezone.now() - timedelta(days=days_ago)
    StatusEvent.objects.filter(dossier=dossier).update(created_at=when)
    document = DossierDocument(
        dossier=dossier,
        document_name="Tờ khai",
        original_name="to-khai.pdf",
        size=100,
        content_type="application/pdf",
        sha256="0" * 64,
    )
    document.file.save(
        f"dossiers/test/{dossier.code}.pdf", ContentFile(pdf_bytes()), save=False
    )
    document.save()
    DossierRating.objects.create(
        dossier=dossier,
        overall=4,
        clarity=4,
        punctuality=4,
        attitude=5,
        comment="Chị Lan rất nhiệt tình",
    )
    return dossier


def test_closed_dossiers_past_retention_are_anonymised(
    settings, django_capture_on_commit_callbacks
):
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    old = closed_dossier(400)
    recent = closed_dossier(100)
    still_open = DossierFactory(status=DossierStatus.IN_PROCESSING)
    StatusEvent.objects.filter(dossier=still_open).update(
        created_at=timezone.now() - timedelta(days=900)
    )
    file_name = old.documents.get().file.name
    storage = old.documents.get().file.storage
    before_rows, before_total = stats.compute(
        "agency", stats.parse_period("2026-01", "2026-12")
    )

    with django_capture_on_commit_callbacks(execute=True):
        result = purge_personal_data()

    assert (result.dossiers, result.documents) == (1, 1)
    old.refresh_from_db()
    assert old.anonymised_at is not None
    assert (old.applicant_name, old.applicant_id_number, old.applicant_phone) == (
        "",
        "",
        "",
    )
    assert old.applicant_email == "" and old.applicant_address == ""
    assert not old.documents.exists() and not storage.exists(file_name)
    assert old.rating.comment == "" and old.rating.overall == 4
    # Kept: the record, its code, procedure and dates; the statistics' counts.
    assert old.code and old.procedure_code and old.received_at
    after_rows, after_total = stats.compute(
        "agency", stats.parse_period("2026-01", "2026-12")
    )
    assert after_total.as_dict() == before_total.as_dict()
    # Not touched: a recent closed dossier, and an open one however old.
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert recent.applicant_name and recent.anonymised_at is None
    assert still_open.applicant_name and still_open.anonymised_at is None
    # Running again finds nothing more.
    assert purge_personal_data().dossiers == 0


def test_command_dry_run_changes_nothing(settings, capsys):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    dossier = closed_dossier(40, status=DossierStatus.WITHDRAWN)
    call_command("purge_personal_data", "--dry-run")
    assert "1 dossiers would be anonymised (1 documents)" in capsys.readouterr().out
    dossier.refresh_from_db()
    assert dossier.applicant_name and dossier.anonymised_at is None
    call_command("purge_personal_data")
    dossier.refresh_from_db()
    assert dossier.anonymised_at is not None


def test_e_form_answers_and_declaration_are_personal_data_too(
    settings, django_capture_on_commit_callbacks
):
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    old = closed_dossier(400)
    filled = FilledFormFactory(dossier=old, source=sample(BIRTH), answers=BIRTH_ANSWERS)
    declaration = attach_declaration(filled)
    storage = declaration.file.storage
    assert public_status(old)["form"] is not None

    with django_capture_on_commit_callbacks(execute=True):
        result = purge_personal_data()

    assert (result.dossiers, result.documents) == (1, 2)
    filled.refresh_from_db()
    assert filled.answers == {} and filled.declaration is None
    assert not storage.exists(declaration.file.name)
    # The copy of the form stays (no personal data); nothing shows or remakes answers.
    assert filled.definition == BIRTH
    old.refresh_from_db()
    assert public_status(old)["form"] is None
    assert attach_declaration(filled) is None and not old.documents.exists()
