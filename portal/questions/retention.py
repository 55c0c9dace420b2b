"""Askers' personal data kept no longer than needed (Decree 13/2023/NĐ-CP).

A question that is settled (answered, answered by an earlier question, or
closed) and unchanged for PERSONAL_DATA_RETENTION_DAYS loses what names its
asker: name, e-mail, phone, the question as written (free text that often
carries an ID number or an address), the files the asker sent with it, and
the officials' notes in its history. What the public and the statistics
read stays: the published subject and question (moderated, without personal
data), the answer and its files, the dates, the agency and the on-time flag.
Run by `manage.py purge_personal_data` (daily, docs/operations.md).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.dossiers.files import delete_quietly
from portal.retention import cutoff

from .models import FileSource, Question, QuestionStatus

SETTLED = (QuestionStatus.ANSWERED, QuestionStatus.DUPLICATE, QuestionStatus.CLOSED)


def due_for_anonymising(now: datetime | None = None) -> QuerySet[Question]:
    """Settled questions, not anonymised yet, last changed before the cut-off."""
    return Question.objects.filter(
        status__in=SETTLED, anonymised_at__isnull=True, updated_at__lt=cutoff(now)
    )


def anonymise(question: Question, now: datetime | None = None) -> int:
    """Blank one question's personal data; returns the number of files deleted."""
    asker_files = question.files.filter(source=FileSource.ASKER)
    names = [item.file.name for item in asker_files if item.file]
    with transaction.atomic():
        Question.objects.filter(pk=question.pk).update(
            asker_name="",
            asker_email="",
            asker_phone="",
            subject=question.public_subject,
            body="",
            anonymised_at=now or timezone.now(),
        )
        asker_files.delete()
        for entry in ModelLogEntry.objects.for_instance(question):
            if (entry.data or {}).get("note"):
                entry.data = {**entry.data, "note": ""}
                entry.save(update_fields=["data"])
        transaction.on_commit(lambda: delete_quietly(names))
    return len(names)


def purge_personal_data(
    now: datetime | None = None, dry_run: bool = False
) -> tuple[int, int]:
    """Anonymise every question past its retention period: (questions, files)."""
    questions = files = 0
    for question in due_for_anonymising(now).iterator():
        questions += 1
        if dry_run:
            files += question.files.filter(source=FileSource.ASKER).count()
        else:
            files += anonymise(question, now)
    return questions, files
