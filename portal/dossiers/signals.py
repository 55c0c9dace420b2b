"""Signal receivers of the dossiers app: a cached working calendar is
forgotten as soon as an editor changes a day or the working hours."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .calendar import forget_calendars
from .models import CalendarDay, WorkingTimeSettings


@receiver(post_save, sender=CalendarDay)
@receiver(post_delete, sender=CalendarDay)
@receiver(post_save, sender=WorkingTimeSettings)
@receiver(post_delete, sender=WorkingTimeSettings)
def calendar_changed(**kwargs) -> None:
    # Now, for this transaction's own reads, and again at commit: a request
    # that read the old rows meanwhile may have cached them again.
    forget_calendars()
    transaction.on_commit(forget_calendars)
