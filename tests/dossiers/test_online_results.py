"""Results delivered online: the official attaches the signed result, the
citizen downloads it from tracking after the second factor, every download
is in the audit log, and the status email says the result is ready."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from portal.backoffice.workflow import perform
from portal.dossiers.models import DocumentSource, DossierDocument, DossierDraft
from portal.dossiers.services import submit_dossier
from tests.factories.backoffice import make_official

from .conftest import PDF_BYTES
from .test_submission import answers

pytestmark = pytest.mark.django_db

TRACK = "/vi/tra-cuu-ho-so/"


@pytest.fixture
def official(site_tree, django_db_setup):
    from django.apps import apps

    from portal.backoffice.migrations import _groups

    _groups.create_groups(apps, None)
    return make_official(site_tree["agency"])


@pytest.fixture
def dossier(procedure):
    draft = DossierDraft.objects.create(procedure=procedure, session_key="x")
    dossier = submit_dossier(draft, answers(receipt_method="online"))
    return dossier


def signed_result(name="ket-qua.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def approve_with_file(client, official, dossier, files):
    client.force_login(official)
    perform(dossier, "start", official)
    url = reverse("backoffice_dossiers:action", args=[dossier.pk, "approve"])
    return client.post(url, {"note": "Đã ký.", "result_files": files})


def test_online_delivery_needs_the_signed_result(client, official, dossier):
    response = approve_with_file(client, official, dossier, [])
    assert response.status_code == 200
    assert "result_files" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == "in_processing"


def test_official_attaches_result_files(
    client, official, dossier, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = approve_with_file(
            client, official, dossier, [signed_result(), signed_result("phu-luc.pdf")]
        )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == "approved"
    results = list(dossier.documents.filter(source=DocumentSource.RESULT))
    assert [r.original_name for r in results] == ["ket-qua.pdf", "phu-luc.pdf"]
    # The files belong to the dossier: its retention purge removes them too.
    assert all(r.file.name.startswith("dossiers/") for r in results)
    assert all(dossier.code in r.file.name for r in results)
    body = mail.outbox[-1].body
    assert "Kết quả giải quyết hồ sơ của bạn đã có." in body
    assert "Tải 2 tệp kết quả có chữ ký số" in body
    assert dossier.verification_code not in body


def verify(client, dossier):
    response = client.post(
        TRACK, {"code": dossier.code, "verify": dossier.verification_code}
    )
    return response["Location"]


def test_citizen_downloads_the_result_after_the_second_factor(
    client, official, dossier
):
    approve_with_file(client, official, dossier, [signed_result()])
    client.logout()
    result = dossier.documents.get(source=DocumentSource.RESULT)
    tracking = client.get(verify(client, dossier)).content.decode()
    assert "ket-qua.pdf" in tracking
    url = reverse("dossiers:result", args=[dossier.code, result.pk])
    assert url in tracking
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "attachment" in response["Content-Disposition"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    entries = ModelLogEntry.objects.filter(action="dossiers.result.download")
    assert entries.count() == 1 and entries.get().object_id == str(dossier.pk)
    client.get(url)
    assert entries.count() == 2


def test_no_download_without_the_second_factor(client, official, dossier):
    from django.test import Client

    approve_with_file(client, official, dossier, [signed_result()])
    result = dossier.documents.get(source=DocumentSource.RESULT)
    url = reverse("dossiers:result", args=[dossier.code, result.pk])
    assert Client().get(url).status_code == 404
    # Nor the citizen's own uploads through the result URL.
    other = DossierDocument.objects.filter(dossier=dossier).exclude(pk=result.pk)
    stranger = Client()
    verify(stranger, dossier)
    for document in other:
        url = reverse("dossiers:result", args=[dossier.code, document.pk])
        assert stranger.get(url).status_code == 404
    assert not ModelLogEntry.objects.filter(action="dossiers.result.download").exists()


def test_a_damaged_result_file_is_refused(client, official, dossier):
    """Result files are parsed like the citizen's uploads (validate_pdf)."""
    broken = SimpleUploadedFile(
        "ket-qua.pdf", PDF_BYTES[: len(PDF_BYTES) // 2], content_type="application/pdf"
    )
    response = approve_with_file(client, official, dossier, [broken])
    assert response.status_code == 200
    assert "bị hỏng hoặc không đầy đủ" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == "in_processing"
    assert not dossier.documents.filter(source=DocumentSource.RESULT).exists()


def test_a_failed_action_leaves_no_result_file(official, dossier, monkeypatch):
    """Files written inside the action's transaction go when it fails."""
    from portal.backoffice import workflow
    from portal.dossiers.validators import check_upload

    from .test_crash_safety import stored_names

    perform(dossier, "start", official)
    before = stored_names("dossiers")

    def explode(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(workflow, "_log", explode)
    upload = signed_result()
    with pytest.raises(RuntimeError):
        perform(dossier, "approve", official, results=[(upload, check_upload(upload))])
    assert stored_names("dossiers") == before
    assert not dossier.documents.filter(source=DocumentSource.RESULT).exists()
