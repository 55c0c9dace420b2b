"""Read-only questions about bookings: which procedures can be booked, at
which counters, and how many places are left in each time slot.

Availability costs one query whatever the number of slots: the bookings of
the range are read once and counted against every slot they overlap (a
booking made before the slot length changed still takes its place).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Locale, Site

from cms_pages.models import ProcedurePage
from portal.dossiers.calendar import WorkingCalendar, load_calendar
from portal.dossiers.models import WorkingTimeSettings

from .models import HOLDS_PLACE, AppointmentSettings, Booking, Counter
from .slots import OpeningHours, Slot, SlotRules, candidate_slots


@dataclass(frozen=True)
class BookingRules:
    """Everything the slot arithmetic needs, read once per request."""

    calendar: WorkingCalendar
    hours: OpeningHours
    rules: SlotRules
    places_per_slot: int
    enabled: bool


def _default_site() -> Site | None:
    return Site.objects.filter(is_default_site=True).first()


def load_rules(site: Site | None = None) -> BookingRules:
    """The calendar, opening hours and booking settings of the (default) site."""
    site = site or _default_site()
    if site is None:
        hours, options = WorkingTimeSettings(), AppointmentSettings()
    else:
        hours = WorkingTimeSettings.for_site(site)
        options = AppointmentSettings.for_site(site)
    return BookingRules(
        calendar=load_calendar(site),
        hours=OpeningHours.from_settings(hours),
        rules=SlotRules(
            slot_minutes=options.slot_minutes,
            window_days=options.booking_window_days,
            lead_minutes=options.lead_time_minutes,
        ),
        places_per_slot=options.places_per_slot,
        enabled=options.bookings_enabled,
    )


def serving_filter(procedure: ProcedurePage) -> Q:
    """Counters that serve the procedure's agency or its sector."""
    return Q(agencies=procedure.agency_id) | Q(sectors=procedure.sector_id)


def counters_for(procedure: ProcedurePage) -> list[Counter]:
    """Open counters that take booked visits for this (default-locale) procedure."""
    return list(
        Counter.objects.filter(active=True, accepts_bookings=True)
        .filter(serving_filter(procedure))
        .select_related("group")
        .distinct()
        .order_by("pk")
    )


def source_procedure(code: str) -> ProcedurePage | None:
    """The live default-locale (Vietnamese) procedure page with this code.

    Bookings, like dossiers, point at it; a translated page leads here
    through its code, which is the same in every language.
    """
    return (
        ProcedurePage.objects.live()
        .filter(code=code, locale__language_code=settings.LANGUAGE_CODE)
        .select_related("agency", "sector")
        .first()
    )


def localised_procedure(code: str) -> ProcedurePage | None:
    """The live procedure page in the active language, else the default one."""
    pages = ProcedurePage.objects.live().filter(code=code)
    try:
        page = pages.filter(locale=Locale.get_active()).first()
    except Locale.DoesNotExist:
        page = None
    return page or pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()


def is_bookable(procedure: ProcedurePage) -> bool:
    """Handed in at the centre, and some open counter serves it."""
    return bool(procedure.channel_in_person) and bool(counters_for(procedure))


def bookable_procedures() -> list[ProcedurePage]:
    """Default-locale procedures somebody can book a visit for, by code (one query)."""
    counters = Counter.objects.filter(active=True, accepts_bookings=True)
    agencies = counters.values("agencies")
    sectors = counters.values("sectors")
    return list(
        ProcedurePage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE, channel_in_person=True)
        .filter(Q(agency__in=agencies) | Q(sector__in=sectors))
        .select_related("sector", "agency")
        .order_by("code")
    )


def places_of(counter: Counter, rules: BookingRules) -> int:
    return counter.places_per_slot or rules.places_per_slot


def taken_places(
    counters: list[Counter],
    slots: list[tuple[datetime, datetime]],
    *,
    exclude_booking: int | None = None,
) -> dict[tuple[int, datetime], int]:
    """(counter id, slot start) → bookings holding a place that overlap the slot."""
    if not slots or not counters:
        return {}
    starts = [start for start, _end in slots]
    bookings = Booking.objects.filter(
        counter__in=[counter.pk for counter in counters],
        status__in=HOLDS_PLACE,
        start__lt=slots[-1][1],
        end__gt=slots[0][0],
    )
    if exclude_booking is not None:
        bookings = bookings.exclude(pk=exclude_booking)
    taken: dict[tuple[int, datetime], int] = defaultdict(int)
    for counter_id, start, end in bookings.values_list("counter_id", "start", "end"):
        # The first slot that ends after the booking starts, then each
        # following slot while it starts before the booking ends.
        index = max(0, bisect_left(starts, start) - 1)
        while index < len(slots) and slots[index][0] < end:
            if slots[index][1] > start:
                taken[(counter_id, slots[index][0])] += 1
            index += 1
    return taken


def free_slots(
    procedure: ProcedurePage,
    first: date,
    last: date,
    *,
    rules: BookingRules | None = None,
    now: datetime | None = None,
    exclude_booking: int | None = None,
) -> list[Slot]:
    """Bookable slots with at least one free place, from `first` to `last`."""
    rules = rules or load_rules()
    if not rules.enabled:
        return []
    counters = counters_for(procedure)
    if not counters:
        return []
    slots = candidate_slots(
        first,
        last,
        now=now or timezone.now(),
        calendar=rules.calendar,
        hours=rules.hours,
        rules=rules.rules,
    )
    taken = taken_places(counters, slots, exclude_booking=exclude_booking)
    result = []
    for start, end in slots:
        available = sum(
            max(0, places_of(counter, rules) - taken.get((counter.pk, start), 0))
            for counter in counters
        )
        if available:
            result.append(Slot(start, end, available))
    return result


def next_free_slots(
    procedure: ProcedurePage,
    after: datetime,
    *,
    count: int = 3,
    rules: BookingRules | None = None,
    now: datetime | None = None,
) -> list[Slot]:
    """The first `count` free slots that start after `after` (for "that time
    has just been taken": the nearest alternatives)."""
    rules = rules or load_rules()
    today = timezone.localdate(now or timezone.now())
    far = today.replace(year=today.year + 1)
    slots = free_slots(procedure, timezone.localdate(after), far, rules=rules, now=now)
    return [slot for slot in slots if slot.start > after][:count]
