"""Crash-safe submission: a committed dossier always has its files.

Files get their final names before the transaction commits and lose their
draft names after it; `recover_files()` (manage.py recover_dossier_files)
cleans up whatever a crash left, and finishes moves of earlier releases.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import reverse

from portal.dossiers.files import readable_name, recover_files
from portal.dossiers.models import (
    Dossier,
    DossierDocument,
    DossierDraft,
    DraftUpload,
    StatusEvent,
    private_storage,
)
from portal.dossiers.services import submit_dossier
from tests.factories.backoffice import UserFactory
from tests.files import pdf_bytes

from .conftest import make_procedure
from .test_submission import answers

WORKER = Path(__file__).with_name("crash_worker.py")


def make_draft(procedure, n: int = 0) -> DossierDraft:
    """A finished draft with one stored upload per document of the procedure."""
    draft = DossierDraft.objects.create(
        procedure=procedure, session_key="s", language="vi"
    )
    for index, document in enumerate(procedure.documents.all()[:2]):
        content = pdf_bytes(1000 + 10 * n + index)
        upload = DraftUpload(
            draft=draft,
            field_name=f"doc_{document.pk}",
            procedure_document=document,
            document_name=document.name,
            original_name=f"scan{index}.pdf",
            size=len(content),
            content_type="application/pdf",
            sha256=hashlib.sha256(content).hexdigest(),
        )
        upload.file.save(
            f"drafts/{draft.instance_id}/{index}.pdf", ContentFile(content), save=False
        )
        upload.save()
    return draft


def stored_names(folder: str) -> set[str]:
    root = Path(private_storage().path(""))
    base = root / folder
    if not base.exists():
        return set()
    return {str(p.relative_to(root)) for p in base.rglob("*") if p.is_file()}


@pytest.mark.django_db
def test_a_failed_transaction_leaves_no_final_copy(site_tree, monkeypatch):
    draft = make_draft(make_procedure(site_tree))
    before = stored_names("dossiers")  # other tests' files share the storage

    def explode(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(StatusEvent.objects, "create", explode)
    with pytest.raises(RuntimeError):
        submit_dossier(draft, answers())
    assert not Dossier.objects.exists()
    assert stored_names("dossiers") == before
    assert len(stored_names(f"drafts/{draft.instance_id}")) == 2  # intact: try again


@pytest.mark.django_db
def test_a_move_left_pending_by_an_earlier_release_is_finished(
    site_tree, client, django_capture_on_commit_callbacks
):
    """Old dossiers: rows committed, files still under drafts/ (crash after commit)."""
    draft = make_draft(make_procedure(site_tree))
    with django_capture_on_commit_callbacks(execute=True):
        dossier = submit_dossier(draft, answers())
    assert not DraftUpload.objects.exists()
    # Rebuild the old state: document files missing, draft copies present.
    document = dossier.documents.first()
    storage = private_storage()
    upload = DraftUpload(
        draft=draft,
        field_name="doc_x",
        document_name=document.document_name,
        original_name="scan.pdf",
        size=document.size,
        content_type="application/pdf",
        sha256=document.sha256,
    )
    with storage.open(document.file.name, "rb") as handle:
        content = handle.read()
    upload.file.save(
        f"drafts/{draft.instance_id}/old.pdf", ContentFile(content), save=False
    )
    upload.save()
    storage.delete(document.file.name)

    # The official's download works while the move is pending.
    assert readable_name(document) == upload.file.name
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    url = reverse("backoffice_dossiers:document", args=[dossier.pk, document.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    result = recover_files(grace=timedelta(0))
    assert result["restored"] == 1
    assert storage.exists(document.file.name)
    assert readable_name(document) == document.file.name
    assert not DraftUpload.objects.filter(draft=draft).exists()


@pytest.mark.django_db
def test_orphaned_final_copies_go_after_the_grace_period(
    site_tree, django_capture_on_commit_callbacks
):
    storage = private_storage()
    draft = make_draft(make_procedure(site_tree))
    with django_capture_on_commit_callbacks(execute=True):
        dossier = submit_dossier(draft, answers())
    kept = {d.file.name for d in dossier.documents.all()}
    folder = kept.pop().rsplit("/", 2)[0]
    orphan = storage.save(f"{folder}/ORPHAN/abc.pdf", ContentFile(pdf_bytes()))
    recover_files(grace=timedelta(minutes=10))
    assert storage.exists(orphan)  # too young: its transaction may still run
    # (Files of other tests' rolled-back dossiers count as orphans too.)
    assert recover_files(grace=timedelta(0))["orphans_removed"] >= 1
    assert not storage.exists(orphan)
    assert all(storage.exists(d.file.name) for d in dossier.documents.all())


def _test_database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return (
        f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_killing_a_worker_mid_burst_leaves_no_document_without_its_file(site_tree):
    procedure = make_procedure(site_tree)
    drafts = [make_draft(procedure, n) for n in range(30)]
    worker = subprocess.Popen(
        [
            sys.executable,
            str(WORKER),
            private_storage().path(""),
            *(str(d.pk) for d in drafts),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "DATABASE_URL": _test_database_url()},
    )
    try:
        for _ in range(4):
            line = worker.stdout.readline()
            assert line.startswith("submitted"), line
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        worker.stdout.close()

    submitted = Dossier.objects.count()
    assert 4 <= submitted < len(drafts), submitted
    storage = private_storage()
    # Without any repair: every committed document has its file.
    documents = list(DossierDocument.objects.all())
    assert len(documents) == 2 * submitted
    assert all(storage.exists(d.file.name) for d in documents)

    recover_files(grace=timedelta(0))
    assert all(storage.exists(d.file.name) for d in DossierDocument.objects.all())
    # Each dossier's folder holds exactly its documents (no orphan left).
    for dossier in Dossier.objects.all():
        folder = dossier.documents.first().file.name.rsplit("/", 1)[0]
        names = {d.file.name for d in dossier.documents.all()}
        assert stored_names(folder) == names
    assert not DraftUpload.objects.filter(draft__submitted_at__isnull=False).exists()
    # Drafts the worker never reached are untouched and can still be submitted.
    pending = DossierDraft.objects.filter(submitted_at__isnull=True).first()
    assert pending.uploads.count() == 2
    submit_dossier(pending, answers())
