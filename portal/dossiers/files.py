"""Where a dossier's files are, whatever crashed when.

A committed dossier always has its files where its rows say. `submit_dossier`
links (or copies) every draft upload to its final name *before* the
transaction commits, and removes the draft copies only after the commit; if
the transaction fails, the new copies are removed at once. A process killed
in between leaves only extra files, never missing ones:

- killed before the commit: final copies nobody points at → removed by
  `recover_files()` once they are older than a grace period;
- killed after the commit: draft copies of a submitted draft → removed by
  `recover_files()`.

The e-form declaration PDF is made from the answers after the commit
(portal.eforms.services); a dossier left without it by a crash or a failed
task gets it from `recover_files()`, and its file, like every other, is
written before the row that names it.

Files added later (a supplement, a signed result: `DossierDocument.store`)
are written before their row too, inside the caller's transaction, and are
filed by the month they were written; `removed_on_failure()` removes them at
once when that transaction fails, and a killed process leaves an orphan that
`recover_files()` removes like any other.

Dossiers committed by earlier releases moved files only after the commit; a
crash there left documents whose file still sits under `drafts/`.
`recover_files()` finishes those moves, and `readable_name()` lets an
official download such a document in the meantime.

`recover_files()` runs from `manage.py recover_dossier_files` every few
minutes (docs/operations.md, "Scheduled jobs").
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from django.utils import timezone

from portal.eforms.models import FilledForm
from portal.eforms.services import attach_declaration

from .models import DossierDocument, DossierDraft, DraftUpload, private_storage

logger = logging.getLogger(__name__)

DOSSIER_FOLDER = "dossiers"
# Final copies younger than this may belong to a transaction still running.
ORPHAN_GRACE = timedelta(minutes=10)


def link_or_copy(source: str, target: str) -> None:
    """Give a stored file a second name in the private storage (a hard link
    on one file system, else a copy); the source stays."""
    storage = private_storage()
    try:
        source_path, target_path = storage.path(source), storage.path(target)
    except NotImplementedError:
        with storage.open(source, "rb") as handle:
            storage.save(target, handle)
        return
    os.makedirs(os.path.dirname(target_path), exist_ok=True)
    try:
        os.link(source_path, target_path)
    except OSError:
        shutil.copyfile(source_path, target_path)


def delete_quietly(names: list[str]) -> None:
    """Remove stored files, logging (not raising) what could not be removed."""
    storage = private_storage()
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not delete %s", name)


@contextmanager
def removed_on_failure() -> Iterator[list[str]]:
    """Collect the names of files written for a transaction; when it fails,
    remove them before the error goes on. Enter it outside the atomic block:

        with removed_on_failure() as written, transaction.atomic():
            DossierDocument.store(..., written=written)
    """
    written: list[str] = []
    try:
        yield written
    except BaseException:
        delete_quietly(written)
        raise


def stage_files(pairs: list[tuple[str, str]], staged: list[str]) -> None:
    """Before the commit: each (draft name, final name) gets its final copy;
    `staged` collects the names written, for removal if the commit fails."""
    for source, target in pairs:
        link_or_copy(source, target)
        staged.append(target)


def discard_draft_uploads(upload_pks: list[int]) -> None:
    """After the commit: the draft copies of a submitted dossier go."""
    uploads = list(DraftUpload.objects.filter(pk__in=upload_pks))
    delete_quietly([upload.file.name for upload in uploads if upload.file])
    DraftUpload.objects.filter(pk__in=[upload.pk for upload in uploads]).delete()


def _draft_copy(document: DossierDocument) -> DraftUpload | None:
    """The upload of the dossier's draft that holds this document's content."""
    draft_id = getattr(document.dossier, "draft_id", None)
    if draft_id is None:
        return None
    return (
        DraftUpload.objects.filter(draft_id=draft_id, sha256=document.sha256)
        .order_by("pk")
        .first()
    )


def readable_name(document: DossierDocument) -> str | None:
    """The stored name to read the document from: its own, or while a move
    of an earlier release is pending, the draft copy. None: no file at all."""
    storage = private_storage()
    if document.file and storage.exists(document.file.name):
        return document.file.name
    upload = _draft_copy(document)
    if upload is not None and upload.file and storage.exists(upload.file.name):
        return upload.file.name
    return None


def finish_draft(draft: DossierDraft) -> tuple[int, int]:
    """For a submitted draft: every document gets its file, then the draft
    copies go. Returns (documents given their file, draft copies removed)."""
    storage = private_storage()
    restored = removed = 0
    documents = DossierDocument.objects.filter(dossier__draft=draft)
    by_hash = {document.sha256: document for document in documents}
    for upload in draft.uploads.all():
        document = by_hash.get(upload.sha256)
        has_source = bool(upload.file) and storage.exists(upload.file.name)
        if document is not None and not storage.exists(document.file.name):
            if not has_source:
                logger.error("Document %s has no file anywhere", document.pk)
                continue
            link_or_copy(upload.file.name, document.file.name)
            restored += 1
        if has_source:
            delete_quietly([upload.file.name])
            removed += 1
        upload.delete()
    return restored, removed


def _finish_submitted_drafts() -> tuple[int, int]:
    restored = removed = 0
    drafts = DossierDraft.objects.filter(
        submitted_at__isnull=False, uploads__isnull=False
    ).distinct()
    for draft in drafts.iterator():
        counts = finish_draft(draft)
        restored, removed = restored + counts[0], removed + counts[1]
    return restored, removed


def _recent_folders(now: datetime) -> list[str]:
    """dossiers/YYYY/MM of this month and the one before: final copies are
    filed by receipt month, later files by the month they were written, so a
    crash's orphans are there."""
    local = timezone.localtime(now)
    previous = (local.replace(day=1) - timedelta(days=1)).date()
    return [f"{DOSSIER_FOLDER}/{month:%Y/%m}" for month in (local.date(), previous)]


def _remove_orphans(now: datetime, grace: timedelta) -> int:
    """Final copies that no document row names (a crash before the commit)."""
    storage = private_storage()
    removed = 0
    for folder in _recent_folders(now):
        try:
            root = storage.path(folder)
        except NotImplementedError:
            return 0
        for directory, _dirs, files in os.walk(root):
            for filename in files:
                path = os.path.join(directory, filename)
                # ctime, not mtime: a hard link keeps the draft file's mtime
                # but the link itself updates the inode's ctime.
                changed = datetime.fromtimestamp(os.path.getctime(path), tz=UTC)
                if changed >= now - grace:
                    continue
                name = os.path.relpath(path, storage.path("")).replace(os.sep, "/")
                if not DossierDocument.objects.filter(file=name).exists():
                    delete_quietly([name])
                    removed += 1
    return removed


def _make_missing_declarations(now: datetime, grace: timedelta) -> int:
    """E-form declarations that were never attached (the worker died or the
    task failed); younger ones may still be on their way."""
    made = 0
    missing = FilledForm.objects.filter(
        declaration__isnull=True,
        dossier__anonymised_at__isnull=True,
        created_at__lt=now - grace,
    ).select_related("dossier")
    for filled in missing.iterator():
        try:
            attach_declaration(filled)
        except Exception:
            logger.exception(
                "Could not make the declaration of filled form %s", filled.pk
            )
            continue
        made += 1
    return made


def recover_files(now: datetime | None = None, grace: timedelta = ORPHAN_GRACE) -> dict:
    """Finish what crashed submissions left: every document gets its file,
    every e-form its declaration PDF, leftover draft copies and orphaned
    final copies are removed."""
    now = now or timezone.now()
    restored, removed = _finish_submitted_drafts()
    declarations = _make_missing_declarations(now, grace)
    orphans = _remove_orphans(now, grace)
    return {
        "restored": restored,
        "declarations_made": declarations,
        "draft_copies_removed": removed,
        "orphans_removed": orphans,
    }
