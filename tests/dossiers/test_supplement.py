"""The applicant's supplement from the tracking page: the request shown, the
upload that sends the dossier back to the agency, refused files, wrong codes."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.backoffice.models import SupplementRequest
from portal.backoffice.workflow import Missing, perform
from portal.dossiers.models import DocumentSource
from portal.dossiers.models import DossierStatus as S
from tests.files import pdf_bytes

pytestmark = pytest.mark.django_db

PDF = pdf_bytes()


def query(dossier, verify=None):
    return {"code": dossier.code, "verify": verify or dossier.verification_code}


@pytest.fixture
def waiting(make_dossier, users):
    dossier = make_dossier(status=S.IN_PROCESSING)
    perform(
        dossier,
        "request_supplement",
        users["official"],
        note="Bổ sung bản sao",
        missing=[
            Missing("Bản sao CCCD", note="Bản chụp bị mờ"),
            Missing("Giấy ủy quyền"),
        ],
        notify=False,
    )
    return dossier


def test_tracking_page_lists_missing_documents_and_links_the_upload(client, waiting):
    html = client.get(
        "/vi/tra-cuu-ho-so/", query(waiting), follow=True
    ).content.decode()
    assert (
        "Bản sao CCCD" in html and "Bản chụp bị mờ" in html and "Giấy ủy quyền" in html
    )
    assert "/vi/tra-cuu-ho-so/bo-sung/?" in html


def test_supplement_upload_returns_the_dossier_to_the_agency(client, waiting):
    url = "/vi/tra-cuu-ho-so/bo-sung/"
    page = client.get(url, query(waiting))
    assert page.status_code == 200
    items = list(SupplementRequest.objects.get(dossier=waiting).items.order_by("pk"))
    data = query(waiting) | {
        f"item_{item.pk}": SimpleUploadedFile(
            f"scan{item.pk}.pdf", PDF, "application/pdf"
        )
        for item in items
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith("/vi/tra-cuu-ho-so/?")
    waiting.refresh_from_db()
    assert waiting.status == S.SUPPLEMENTED
    assert waiting.appointment_date > date(2026, 3, 9)
    documents = waiting.documents.filter(source=DocumentSource.SUPPLEMENT)
    assert documents.count() == 2
    assert all(
        not doc.file.name.endswith(("scan", ".exe")) and doc.sha256 for doc in documents
    )
    for item in items:
        item.refresh_from_db()
        assert item.document is not None
    assert waiting.events.last().actor is None


def test_supplement_upload_refuses_wrong_files_and_stores_nothing(client, waiting):
    items = list(SupplementRequest.objects.get(dossier=waiting).items.order_by("pk"))
    data = query(waiting) | {
        f"item_{items[0].pk}": SimpleUploadedFile("ok.pdf", PDF, "application/pdf"),
        f"item_{items[1].pk}": SimpleUploadedFile(
            "virus.pdf", b"MZ\x90\x00 executable", "application/pdf"
        ),
    }
    response = client.post("/vi/tra-cuu-ho-so/bo-sung/", data)
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == S.SUPPLEMENT_REQUESTED
    assert not waiting.documents.exists()


@pytest.mark.parametrize(
    "path", ["/vi/tra-cuu-ho-so/bo-sung/", "/vi/tra-cuu-ho-so/danh-gia/"]
)
def test_wrong_verification_code_reveals_nothing(client, waiting, path):
    response = client.get(path, query(waiting, verify="WRONG123"))
    assert response.status_code == 404
    assert waiting.code not in response.content.decode()
