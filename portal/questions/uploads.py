"""The asker's one attachment, kept while they correct the rest of the form.

A file that passes the upload checks (`portal.dossiers.validators.check_upload`,
the dossiers' rules: PDF, JPEG or PNG by content, size limit) is saved at
once in the private storage under our own random name and remembered in the
session. When the form has another mistake, the page says the file is kept
instead of asking for it again; when the question is stored, its file row
points at the same name (no copy, no move). Files no question took within a
day are deleted by `manage.py purge_question_uploads` (a daily job).
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.utils import timezone

from portal.dossiers.models import private_storage
from portal.dossiers.validators import CheckedFile

SESSION_KEY = "questions:upload"
FOLDER = "questions"
KEEP_UNUSED = timedelta(days=1)


@dataclass(frozen=True)
class PendingUpload:
    """A checked file in the private storage, not yet attached to a question."""

    name: str
    original_name: str
    content_type: str
    size: int
    sha256: str

    def file_fields(self) -> dict:
        """The StoredFileMixin fields of the file row that will point at it."""
        return {
            "file": self.name,
            "original_name": self.original_name,
            "content_type": self.content_type,
            "size": self.size,
            "sha256": self.sha256,
        }


def stored_name(extension: str, when: datetime | None = None) -> str:
    """Where a question's file lives: our own random name, never the user's."""
    local = timezone.localtime(when or timezone.now())
    return f"{FOLDER}/{local:%Y/%m}/{secrets.token_hex(12)}.{extension}"


def save_upload(upload: UploadedFile, checked: CheckedFile) -> PendingUpload:
    """Save a checked upload in the private storage."""
    upload.seek(0)
    name = private_storage().save(stored_name(checked.extension), upload)
    return PendingUpload(
        name=name,
        original_name=(upload.name or "")[-255:],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )


def keep(request: HttpRequest, pending: PendingUpload) -> None:
    """Remember the file for this browser until the question is sent."""
    request.session[SESSION_KEY] = asdict(pending)


def kept(request: HttpRequest) -> PendingUpload | None:
    """The file this browser already sent, if it is still stored."""
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    try:
        pending = PendingUpload(**data)
    except TypeError:
        return None
    if not private_storage().exists(pending.name):
        return None
    return pending


def forget(request: HttpRequest, *, delete: bool = False) -> None:
    """Drop the remembered file (and delete it, when the asker removed it)."""
    pending = kept(request) if delete else None
    request.session.pop(SESSION_KEY, None)
    if pending is not None:
        private_storage().delete(pending.name)


def purge_unused(now: datetime | None = None) -> int:
    """Delete files under questions/ that no question took within a day."""
    from .models import QuestionFile

    storage = private_storage()
    cutoff = (now or timezone.now()) - KEEP_UNUSED
    used = set(QuestionFile.objects.values_list("file", flat=True))
    deleted = 0
    for name in _walk(storage, FOLDER):
        if name in used:
            continue
        if storage.get_modified_time(name) < cutoff:
            storage.delete(name)
            deleted += 1
    return deleted


def _walk(storage, folder: str):
    if not storage.exists(folder):
        return
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}")
