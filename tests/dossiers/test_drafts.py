"""Drafts: resumable by emailed link for 30 days, friendly restart pages, purge."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from portal.dossiers.models import Dossier, DossierDraft, DraftUpload

from .conftest import APPLICANT, WizardWalker, pdf, walk_to_check

pytestmark = pytest.mark.django_db


def test_resume_link_is_emailed_and_works_in_another_browser(
    walker, django_capture_on_commit_callbacks
):
    walker.start()
    walker.post("applicant_type", {"applicant_type": "individual"})
    # The e-mail is a task that runs once the request's changes are committed.
    with django_capture_on_commit_callbacks(execute=True):
        walker.post("applicant", APPLICANT)
    draft = DossierDraft.objects.get(instance_id=walker.instance_id)
    assert draft.resume_link_sent_at is not None
    message = mail.outbox[-1]
    assert message.to == ["an@example.vn"] and draft.resume_token in message.body
    assert "Tiếp tục khai hồ sơ sau" == message.subject
    # Another device: the link binds the draft to that browser and continues.
    other = Client()
    response = other.get(f"/vi/nop-ho-so/tiep-tuc/{draft.resume_token}/")
    assert response.status_code == 302 and response["Location"].endswith("/documents/")
    page = other.get(response["Location"])
    assert page.status_code == 200
    # The first browser no longer owns it.
    assert walker.client.get(walker.step_url("applicant")).status_code == 403


def test_save_for_later_page_sends_the_link(walker, django_capture_on_commit_callbacks):
    walker.start()
    save_url = walker.base.rstrip("/") + "/luu/"
    page = walker.client.get(save_url)
    assert (
        page.status_code == 200 and "Lưu lại và tiếp tục sau" in page.content.decode()
    )
    bad = walker.client.post(save_url, {"email": "not-an-email"})
    assert "ten@example.com" in bad.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = walker.client.post(save_url, {"email": "binh@example.vn"})
    assert "binh@example.vn" in response.content.decode()
    assert mail.outbox[0].to == ["binh@example.vn"]
    assert Client().get(save_url).status_code == 404


def test_expired_draft_shows_restart_page(walker):
    walker.start()
    DossierDraft.objects.filter(instance_id=walker.instance_id).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = walker.client.get(walker.step_url("applicant"))
    assert response.status_code == 410
    text = response.content.decode()
    assert "Hồ sơ nháp này đã hết hạn" in text and "Khai lại từ đầu" in text
    token = DossierDraft.objects.get().resume_token
    assert walker.client.get(f"/vi/nop-ho-so/tiep-tuc/{token}/").status_code == 410
    assert walker.client.get("/vi/nop-ho-so/tiep-tuc/nonsense/").status_code == 404


def test_lost_session_cookie_gets_a_friendly_page(walker):
    walker.start()
    walker.client.cookies.clear()
    response = walker.client.get(walker.step_url("applicant"))
    assert response.status_code == 403
    assert "trình duyệt khác" in response.content.decode()


def test_each_save_pushes_the_expiry_back(walker):
    walker.start()
    DossierDraft.objects.update(expires_at=timezone.now() + timedelta(days=1))
    walker.post("applicant_type", {"applicant_type": "individual"})
    assert DossierDraft.objects.get().expires_at > timezone.now() + timedelta(days=29)


def test_purge_deletes_expired_drafts_and_their_files(
    client, procedure, django_capture_on_commit_callbacks
):
    old = WizardWalker(client, procedure)
    old.start()
    old.post("applicant_type", {"applicant_type": "individual"})
    old.post("applicant", APPLICANT)
    first = old.document_fields()[0]
    old.post("documents", files={first: pdf()})
    upload = DraftUpload.objects.get()
    storage, name = upload.file.storage, upload.file.name
    assert storage.exists(name)
    fresh = WizardWalker(Client(), procedure)
    fresh.start()
    submitted = WizardWalker(Client(), procedure)
    submitted.start()
    walk_to_check(submitted)
    submitted.post("check")
    with django_capture_on_commit_callbacks(execute=True):
        submitted.post("declaration", {"declaration": "on", "consent": "on"})
    past = timezone.now() - timedelta(days=31)
    DossierDraft.objects.exclude(instance_id=fresh.instance_id).update(expires_at=past)
    call_command("purge_dossier_drafts")
    assert list(DossierDraft.objects.values_list("instance_id", flat=True)) == [
        __import__("uuid").UUID(fresh.instance_id)
    ]
    assert not storage.exists(name)
    dossier = Dossier.objects.get()
    assert dossier.draft is None
    assert all(d.file.storage.exists(d.file.name) for d in dossier.documents.all())


def test_start_page_lists_drafts_of_this_browser(walker):
    walker.start()
    page = walker.client.get(f"/vi/nop-ho-so/{walker.procedure.code}/")
    assert walker.instance_id in page.content.decode()
    assert (
        walker.instance_id
        not in Client().get(f"/vi/nop-ho-so/{walker.procedure.code}/").content.decode()
    )
