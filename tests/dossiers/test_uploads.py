"""Bad uploads through the wizard are refused with a message and store nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from portal.dossiers.models import DraftUpload

from .conftest import APPLICANT, EXE_BYTES, pdf

pytestmark = pytest.mark.django_db


def files_in_private_storage(settings) -> list:
    root = settings.PRIVATE_MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture
def at_documents(walker):
    walker.start()
    walker.post("applicant_type", {"applicant_type": "individual"})
    walker.post("applicant", APPLICANT)
    return walker


@pytest.mark.parametrize(
    "upload,message",
    [
        (
            SimpleUploadedFile("to-khai.pdf", EXE_BYTES),
            "không phải tệp PDF, JPEG hoặc PNG",
        ),
        (
            SimpleUploadedFile("to-khai.pdf", b"Just some text"),
            "không phải tệp PDF, JPEG hoặc PNG",
        ),
        (SimpleUploadedFile("to-khai.pdf", b""), "trống"),
    ],
    ids=["renamed executable", "text named .pdf", "empty"],
)
def test_bad_upload_is_refused_and_nothing_stored(
    at_documents, settings, upload, message
):
    before = files_in_private_storage(settings)
    first, second, _ = at_documents.document_fields()
    response = at_documents.post("documents", files={first: upload})
    assert response.status_code == 200
    assert response.context["wizard"]["steps"].current == "documents"
    assert message in response.content.decode()
    assert not DraftUpload.objects.exists()
    assert files_in_private_storage(settings) == before


@override_settings(DOSSIER_MAX_FILE_SIZE=2000)
def test_oversize_upload_refused(at_documents, settings):
    before = files_in_private_storage(settings)
    first, _second, _ = at_documents.document_fields()
    response = at_documents.post("documents", files={first: pdf(size=5000)})
    assert response.status_code == 200
    assert "tối đa" in response.content.decode()
    assert not DraftUpload.objects.exists()
    assert files_in_private_storage(settings) == before


@override_settings(DOSSIER_MAX_FILE_SIZE=3000, DOSSIER_MAX_TOTAL_SIZE=4000)
def test_dossier_size_limit(at_documents):
    first, second, _ = at_documents.document_fields()
    response = at_documents.post(
        "documents", files={first: pdf(size=2500), second: pdf(size=2500)}
    )
    assert response.status_code == 200
    assert "Tất cả các tệp" in response.content.decode()
    assert not DraftUpload.objects.exists()


def test_stored_name_is_ours_not_the_users(at_documents):
    first, second, _ = at_documents.document_fields()
    at_documents.post(
        "documents",
        files={first: pdf("../../etc/passwd.pdf"), second: pdf("Giấy chứng sinh.pdf")},
    )
    for upload in DraftUpload.objects.all():
        assert upload.file.name.startswith(f"drafts/{at_documents.instance_id}/")
        assert "passwd" not in upload.file.name and "Giấy" not in upload.file.name
    assert set(DraftUpload.objects.values_list("original_name", flat=True)) == {
        "passwd.pdf",
        "Giấy chứng sinh.pdf",
    }


def test_private_files_are_not_served(at_documents, client):
    first, second, _ = at_documents.document_fields()
    at_documents.post("documents", files={first: pdf(), second: pdf()})
    upload = DraftUpload.objects.first()
    for prefix in ("/media/", "/private_media/", "/"):
        assert client.get(prefix + upload.file.name).status_code == 404
