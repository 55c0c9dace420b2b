"""A dossier filed in English is English throughout: the start page, the
wizard's documents, the receipt (page and PDF, with where to collect the
result) and the emails."""

import io
import json

import pytest
from django.core import mail
from django.core.management import call_command
from pypdf import PdfReader

from cms_pages.models import CentreSettings, ProcedurePage
from portal.dossiers.models import Dossier
from tests.factories.catalogue import marriage_record
from tests.language import MAX_ENGLISH_SHARE, main_text, vietnamese_share

from .conftest import APPLICANT, WizardWalker, pdf

pytestmark = pytest.mark.django_db

RECORD = marriage_record(fees=["Marriage registration fee"])


@pytest.fixture
def english(site_tree, tmp_path) -> ProcedurePage:
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps([RECORD], ensure_ascii=False), encoding="utf-8")
    call_command("import_procedures", str(path), stdout=io.StringIO())
    page = ProcedurePage.objects.get(code="1.000894", locale__language_code="en")
    vietnamese = ProcedurePage.objects.get(code="1.000894", locale__language_code="vi")
    agency = vietnamese.agency
    agency.counter = "5"
    agency.save()
    centre = CentreSettings.for_site(site_tree["home"].get_site())
    centre.address = "1 Trần Hưng Đạo"
    centre.address_en = "1 Tran Hung Dao Street"
    centre.opening_hours_en = "Monday to Friday, 7:30 to 17:00"
    centre.save()
    return page


def file_in_english(client, english) -> Dossier:
    walker = WizardWalker(client, english, language="en")
    start = client.get(f"/en/nop-ho-so/{english.code}/").content.decode()
    assert "The result is due on the day the dossier is received." in start
    assert "Same day after" not in start
    walker.start()
    walker.post("applicant_type", {"applicant_type": "individual"})
    walker.post("applicant", APPLICANT)
    documents = client.get(walker.step_url("documents")).content.decode()
    assert "Marriage registration form" in documents
    assert "Tờ khai" not in documents
    first, second, _ = walker.document_fields()
    walker.post("documents", files={first: pdf(), second: pdf()})
    walker.post("delivery", {"receipt_method": "at_centre"})
    walker.post("check")
    walker.post("declaration", {"declaration": "on", "consent": "on"})
    return Dossier.objects.get()


def test_receipt_page_pdf_and_email_are_english(
    client, english, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        dossier = file_in_english(client, english)
    assert dossier.language == "en"
    receipt = client.get(f"/en/nop-ho-so/bien-nhan/{dossier.code}/")
    html = receipt.content.decode()
    assert "Commune People's Committee" in main_text(html)
    assert vietnamese_share(main_text(html)) <= MAX_ENGLISH_SHARE
    assert receipt["Referrer-Policy"] == "no-referrer"

    response = client.get(f"/en/nop-ho-so/bien-nhan/{dossier.code}/pdf/")
    assert response.status_code == 200
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )
    for expected in (
        "Receipt of dossier and appointment for the result",
        "Marriage registration",
        "Commune People's Committee",
        "Where to receive the result",
        "1 Tran Hung Dao Street",
        "counter 5",
        "Monday to Friday, 7:30 to 17:00",
    ):
        assert expected in " ".join(text.split()), expected
    assert "Ủy ban" not in text and "Biên nhận" not in text

    # The resume link went first (an email address was given), then the receipt.
    body = next(m.body for m in mail.outbox if dossier.code in m.subject)
    assert "The centre has received your dossier." in body
    assert "Commune People's Committee" in body
    assert dossier.verification_code in body  # the receipt email carries it
    assert f"?code={dossier.code}" in body and "verify=" not in body


def test_vietnamese_receipt_pdf_differs(client, english, walker):
    walker.start()
    from .conftest import walk_to_check

    walk_to_check(walker)
    walker.post("check")
    walker.post("declaration", {"declaration": "on", "consent": "on"})
    dossier = Dossier.objects.get(language="vi")
    response = client.get(f"/vi/nop-ho-so/bien-nhan/{dossier.code}/pdf/")
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Nơi nhận kết quả" in " ".join(text.split())
