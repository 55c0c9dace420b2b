"""Reminders the working day before a visit.

`send_reminders()` queues the reminder e-mail of every booking of the next
working day that has an e-mail address and no reminder yet (the e-mail task
retries on its own when the mail server fails). Each booking is claimed with
a conditional UPDATE first, so two runs at once never remind one twice. Run
once per working day (docs/operations.md, "Scheduled jobs": the worker's
`workday` jobs); on a day off it does nothing, because the working day
before the next visit day has already sent them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from .emails import send_booking_email
from .models import Booking, BookingStatus
from .queries import load_rules
from .services import close_past_days


@dataclass
class ReminderRun:
    """What one run did."""

    visit_day: date | None
    sent: int = 0
    skipped_day_off: bool = False


def send_reminders(
    now: datetime | None = None, *, dry_run: bool = False
) -> ReminderRun:
    """Remind the visitors of the next working day (see the module docstring)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    calendar = load_rules().calendar
    if not calendar.is_working_day(today):
        return ReminderRun(visit_day=None, skipped_day_off=True)
    close_past_days(now)
    visit_day = calendar.next_working_day(today)
    tz = timezone.get_current_timezone()
    # Every day after today up to the visit day: a Monday visit is reminded on
    # Friday, together with nothing on the weekend in between.
    start = datetime.combine(today + timedelta(days=1), time.min, tzinfo=tz)
    end = datetime.combine(visit_day + timedelta(days=1), time.min, tzinfo=tz)
    due = Booking.objects.filter(
        status=BookingStatus.BOOKED,
        reminder_sent_at__isnull=True,
        start__gte=start,
        start__lt=end,
    ).exclude(email="")
    run = ReminderRun(visit_day=visit_day)
    if dry_run:
        run.sent = due.count()
        return run
    for booking in due.order_by("start", "pk"):
        claimed = Booking.objects.filter(
            pk=booking.pk, reminder_sent_at__isnull=True
        ).update(reminder_sent_at=now)
        if claimed and send_booking_email(booking, "reminder"):
            run.sent += 1
    return run
