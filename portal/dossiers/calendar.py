"""Working days and appointment dates (ngày hẹn trả kết quả).

`WorkingCalendar` is a plain value: every calculation on it is a pure function
of its fields, so it is tested against a table of cases without a database.
`load_calendar()` builds one from the admin-maintained `CalendarDay` rows and
the site's `WorkingTimeSettings`, and keeps it in the shared cache until the
next edit of either.

Counting rule (Civil Code 2015, art. 147: a period in days starts the day after
the event): a dossier received on a working day before the cut-off time is
received that day, otherwise on the next working day; the processing time is
then counted in working days from the next working day. Saturday morning, when
the centre works it, counts as half a day. Under one day: a dossier received in
the morning is due the same day, otherwise the next working day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

SATURDAY = 5
SUNDAY = 6
NOON = time(12, 0)
# A safety bound: no real processing time needs more than ten years of days.
MAX_SCAN_DAYS = 3660


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days are worked, and the cut-off times for counting a receipt."""

    days_off: frozenset[date] = field(default_factory=frozenset)
    extra_working_days: frozenset[date] = field(default_factory=frozenset)
    saturday_morning: bool = False
    cutoff: time = time(16, 30)
    saturday_cutoff: time = time(11, 0)

    def capacity(self, day: date) -> Decimal:
        """How much of a working day `day` is: 1, ½ (Saturday morning) or 0."""
        if day in self.days_off:
            return Decimal(0)
        if day in self.extra_working_days:
            return Decimal(1)
        weekday = day.weekday()
        if weekday == SUNDAY:
            return Decimal(0)
        if weekday == SATURDAY:
            return Decimal("0.5") if self.saturday_morning else Decimal(0)
        return Decimal(1)

    def is_working_day(self, day: date) -> bool:
        return self.capacity(day) > 0

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        for offset in range(1, MAX_SCAN_DAYS):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError("No working day found: the calendar has no working days.")

    def cutoff_for(self, day: date) -> time:
        full_day = day in self.extra_working_days or day.weekday() < SATURDAY
        return self.cutoff if full_day else min(self.cutoff, self.saturday_cutoff)

    def receipt_day(self, received: datetime) -> date:
        """The working day on which a dossier received at `received` counts as received."""
        local = (
            timezone.localtime(received) if timezone.is_aware(received) else received
        )
        day = local.date()
        if self.is_working_day(day) and local.time() < self.cutoff_for(day):
            return day
        return self.next_working_day(day)

    def add_working_days(self, receipt_day: date, days: Decimal) -> date:
        """The date by which `days` working days have passed after `receipt_day`."""
        days = Decimal(days)
        if days <= 0:
            return receipt_day
        total = Decimal(0)
        day = receipt_day
        for _ in range(MAX_SCAN_DAYS):
            day += timedelta(days=1)
            total += self.capacity(day)
            if total >= days:
                return day
        raise ValueError("Processing time too long for the calendar.")

    def appointment(self, received: datetime, days: Decimal) -> tuple[date, date]:
        """(first counted day, appointment date) for a dossier received at `received`."""
        days = Decimal(days)
        receipt = self.receipt_day(received)
        local = (
            timezone.localtime(received) if timezone.is_aware(received) else received
        )
        if days <= 0:
            return receipt, receipt
        if days < 1:
            # Half a day: a morning receipt is ready the same afternoon.
            if receipt == local.date() and local.time() < NOON:
                return receipt, receipt
            following = self.next_working_day(receipt)
            return following, following
        return self.next_working_day(receipt), self.add_working_days(receipt, days)

    def working_days_between(self, start: date, end: date) -> Decimal:
        """Working days after `start` up to and including `end` (0 when end <= start).

        The same counting as `add_working_days`, for statistics: a dossier
        received on `start` and resolved on `end` took this many working days.
        """
        total = Decimal(0)
        day = start
        while day < end:
            day += timedelta(days=1)
            total += self.capacity(day)
        return total

    def working_days_in(self, days: Iterable[date]) -> Decimal:
        return sum((self.capacity(day) for day in days), Decimal(0))


# The calendar changes a few times a year and is read on every receipt,
# appointment and deadline: it is kept in the shared cache, emptied by every
# edit (`forget_calendars`, connected in portal.dossiers.signals). The hour is
# a backstop for writes that send no signal (a bulk SQL load).
CALENDAR_CACHE_SECONDS = 3600


def calendar_cache_key(site_id: int | None) -> str:
    return f"dossiers:calendar:{site_id if site_id is not None else 'default'}"


def load_calendar(site=None) -> WorkingCalendar:
    """The calendar of `site` (the default site when None), from the shared
    cache or built from the admin's `CalendarDay` rows and working hours."""
    from django.core.cache import cache

    key = calendar_cache_key(site.pk if site is not None else None)
    calendar = cache.get(key)
    if calendar is None:
        calendar = build_calendar(site)
        cache.set(key, calendar, CALENDAR_CACHE_SECONDS)
    return calendar


def forget_calendars() -> None:
    """Empty every cached calendar (after an edit of days or working hours)."""
    from django.core.cache import cache
    from wagtail.models import Site

    site_ids = [None, *Site.objects.values_list("pk", flat=True)]
    cache.delete_many([calendar_cache_key(site_id) for site_id in site_ids])


def build_calendar(site=None) -> WorkingCalendar:
    """Build the calendar from the admin's `CalendarDay` rows and working-hour settings."""
    from wagtail.models import Site

    from .models import CalendarDay, CalendarDayKind, WorkingTimeSettings

    days_off: set[date] = set()
    extra: set[date] = set()
    for day, kind in CalendarDay.objects.values_list("date", "kind"):
        if kind == CalendarDayKind.WORKING_DAY:
            extra.add(day)
        else:
            days_off.add(day)
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is not None:
        hours = WorkingTimeSettings.for_site(site)
    else:
        hours = WorkingTimeSettings()
    return WorkingCalendar(
        days_off=frozenset(days_off),
        extra_working_days=frozenset(extra),
        saturday_morning=hours.saturday_morning_work,
        cutoff=hours.cutoff_time,
        saturday_cutoff=hours.saturday_cutoff_time,
    )
