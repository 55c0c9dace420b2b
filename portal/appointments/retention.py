"""Visitors' personal data kept no longer than needed (Decree 13/2023/NĐ-CP).

A booking whose visit ended more than PERSONAL_DATA_RETENTION_DAYS ago loses
the visitor's name, phone and e-mail. The booking row stays (procedure,
counter, time, status, who checked the visitor in), so the counters' figures
keep every count. Run by `manage.py purge_personal_data` (daily).
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from portal.retention import cutoff

from .models import Booking


def due_for_anonymising(now: datetime | None = None) -> QuerySet[Booking]:
    return Booking.objects.filter(anonymised_at__isnull=True, end__lt=cutoff(now))


def purge_personal_data(now: datetime | None = None, dry_run: bool = False) -> int:
    """Anonymise every booking past its retention period; returns how many."""
    due = due_for_anonymising(now)
    if dry_run:
        return due.count()
    return due.update(name="", phone="", email="", anonymised_at=now or timezone.now())
