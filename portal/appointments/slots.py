"""Time slots: when a visit can start, as pure arithmetic on the working-day
calendar and the opening hours (no database), so the rules are tested against
a table of cases.

- Only working days (`WorkingCalendar`: weekends, holidays including Tết,
  make-up working days; Saturday mornings when the centre works them).
- Only inside the opening hours: the morning and afternoon sessions, the
  morning session only on a Saturday morning.
- A slot starts before the day's cut-off time, so a dossier handed in at the
  visit counts as received that day.
- From today up to `window_days` working days ahead, and none that starts
  sooner than the lead time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from portal.dossiers.calendar import SATURDAY, WorkingCalendar


@dataclass(frozen=True)
class OpeningHours:
    """The counters' two sessions on a working day."""

    morning_opens: time = time(7, 30)
    morning_closes: time = time(11, 30)
    afternoon_opens: time = time(13, 30)
    afternoon_closes: time = time(17, 0)

    @classmethod
    def from_settings(cls, hours) -> OpeningHours:
        """From a `WorkingTimeSettings` row."""
        return cls(
            hours.morning_opens,
            hours.morning_closes,
            hours.afternoon_opens,
            hours.afternoon_closes,
        )


@dataclass(frozen=True)
class SlotRules:
    """How visits are booked (from `AppointmentSettings`)."""

    slot_minutes: int = 30
    window_days: int = 15
    lead_minutes: int = 120


@dataclass(frozen=True)
class Slot:
    """A time a visit can start, and how many places are left in it."""

    start: datetime
    end: datetime
    available: int = 0

    def as_json(self) -> dict:
        return {
            "start": timezone.localtime(self.start).isoformat(),
            "end": timezone.localtime(self.end).isoformat(),
            "available": self.available,
        }


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def sessions(day: date, calendar: WorkingCalendar, hours: OpeningHours):
    """The (opens, closes) sessions of `day`; none on a day off."""
    if not calendar.is_working_day(day):
        return []
    morning = (hours.morning_opens, hours.morning_closes)
    afternoon = (hours.afternoon_opens, hours.afternoon_closes)
    full_day = day in calendar.extra_working_days or day.weekday() < SATURDAY
    return [morning, afternoon] if full_day else [morning]


def day_slots(
    day: date, calendar: WorkingCalendar, hours: OpeningHours, slot_minutes: int
) -> list[tuple[datetime, datetime]]:
    """Every (start, end) of `day`: whole slots inside a session, starting
    before the day's cut-off time."""
    tz = _tz()
    length = timedelta(minutes=max(1, slot_minutes))
    cutoff = datetime.combine(day, calendar.cutoff_for(day), tzinfo=tz)
    result = []
    for opens, closes in sessions(day, calendar, hours):
        start = datetime.combine(day, opens, tzinfo=tz)
        close = datetime.combine(day, closes, tzinfo=tz)
        while start + length <= close and start < cutoff:
            result.append((start, start + length))
            start += length
    return result


def last_bookable_day(today: date, calendar: WorkingCalendar, window_days: int) -> date:
    """The `window_days`-th working day after today."""
    day = today
    for _i in range(max(0, window_days)):
        day = calendar.next_working_day(day)
    return day


def candidate_slots(
    first: date,
    last: date,
    *,
    now: datetime,
    calendar: WorkingCalendar,
    hours: OpeningHours,
    rules: SlotRules,
) -> list[tuple[datetime, datetime]]:
    """Slots from `first` to `last` (both included) that may be booked at `now`."""
    today = timezone.localtime(now, _tz()).date()
    first = max(first, today)
    last = min(last, last_bookable_day(today, calendar, rules.window_days))
    earliest = now + timedelta(minutes=rules.lead_minutes)
    result = []
    day = first
    while day <= last:
        result.extend(
            (start, end)
            for start, end in day_slots(day, calendar, hours, rules.slot_minutes)
            if start >= earliest
        )
        day += timedelta(days=1)
    return result
