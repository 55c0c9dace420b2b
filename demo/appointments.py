"""Demo data for visits to the centre: counter groups and counters for the
demo agencies, eight weeks of past bookings and walk-in numbers (so the
statistics have waiting times and no-shows), bookings for the coming working
days, and today's queue (so the "now serving" board shows numbers).

Deterministic (a fixed random seed, dates counted from today), idempotent
(nothing happens once demo bookings exist) and fast (bulk_create).
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta
from typing import TextIO

from django.utils import timezone
from wagtail.models import Locale

from cms_pages.models import Agency, NavigationMenu, ProcedurePage
from demo.dossiers import FAMILY, GIVEN, MIDDLE
from portal.appointments.models import (
    Booking,
    BookingStatus,
    Counter,
    CounterGroup,
    Ticket,
    TicketStatus,
    new_booking_code,
)
from portal.appointments.queries import load_rules
from portal.appointments.queue import call_next, issue_ticket
from portal.appointments.services import check_in
from portal.appointments.slots import day_slots

SEED = 2027
PAST_WORKING_DAYS = 40
FUTURE_WORKING_DAYS = 10

# (letter, Vietnamese name, English name)
GROUPS = [
    ("A", "Doanh nghiệp – Đầu tư", "Business and investment"),
    ("B", "Đất đai – Xây dựng – Môi trường", "Land, construction and environment"),
    ("C", "Tư pháp – Hộ tịch – Công an", "Justice, civil status and police"),
    ("D", "Y tế – Giáo dục – Văn hóa – Lao động", "Health, education, culture, labour"),
]
# (number, group, agencies (Vietnamese names), English name, location vi, location en)
COUNTERS = [
    ("1", "A", ["Sở Tài chính"], "Department of Finance", "Tầng 1, khu A", "Ground floor, hall A"),
    ("2", "A", ["Sở Kế hoạch và Đầu tư", "Ban Quản lý các khu công nghiệp", "UBND tỉnh"], "Planning and investment", "Tầng 1, khu A", "Ground floor, hall A"),
    ("3", "A", ["Sở Công Thương", "Sở Khoa học và Công nghệ"], "Industry, trade, science", "Tầng 1, khu A", "Ground floor, hall A"),
    ("4", "B", ["Sở Nông nghiệp và Môi trường"], "Department of Agriculture and Environment", "Tầng 1, khu B", "Ground floor, hall B"),
    ("5", "B", ["Sở Xây dựng"], "Department of Construction", "Tầng 1, khu B", "Ground floor, hall B"),
    ("6", "C", ["Sở Tư pháp", "UBND cấp xã"], "Justice and civil status", "Tầng 1, khu C", "Ground floor, hall C"),
    ("7", "C", ["Công an tỉnh", "Công an cấp xã"], "Police", "Tầng 1, khu C", "Ground floor, hall C"),
    ("8", "D", ["Sở Y tế"], "Department of Health", "Tầng 2", "First floor"),
    ("9", "D", ["Sở Giáo dục và Đào tạo", "Sở Văn hóa, Thể thao và Du lịch", "Sở Nội vụ"], "Education, culture, labour", "Tầng 2", "First floor"),
]  # fmt: skip


def load_appointments(stdout: TextIO) -> None:
    """Create the counters (if missing), the menu link and the demo visits once."""
    counters = _counters()
    _menu_link()
    if Booking.objects.exists() or Ticket.objects.exists():
        stdout.write("Demo appointments: already loaded.")
        return
    procedures = list(
        ProcedurePage.objects.live()
        .filter(locale=Locale.get_default(), channel_in_person=True)
        .select_related("agency", "sector")
    )
    if not procedures or not counters:
        stdout.write("Demo appointments: no procedures or counters, skipped.")
        return
    story = VisitStory(random.Random(SEED), procedures, counters)
    story.tell()
    stdout.write(
        f"Demo appointments: {len(counters)} counters, {story.bookings} bookings, "
        f"{story.tickets} queue numbers."
    )


def _counters() -> list[Counter]:
    """The demo counter groups and counters (created once, kept if edited)."""
    groups = {}
    for order, (letter, name, name_en) in enumerate(GROUPS):
        groups[letter], _ = CounterGroup.objects.get_or_create(
            letter=letter,
            defaults={"name": name, "name_en": name_en, "sort_order": order},
        )
    agencies = {
        agency.name: agency
        for agency in Agency.objects.filter(locale=Locale.get_default())
    }
    counters = []
    for number, letter, names, name_en, location, location_en in COUNTERS:
        served = [agencies[name] for name in names if name in agencies]
        if not served:
            continue
        counter, created = Counter.objects.get_or_create(
            number=number,
            defaults={
                "group": groups[letter],
                "name": served[0].name if len(served) == 1 else " – ".join(names[:2]),
                "name_en": name_en,
                "location": location,
                "location_en": location_en,
            },
        )
        if created:
            counter.agencies.set(served)
        counters.append(counter)
    return counters


MENU_TEXTS = {"vi": "Đặt lịch hẹn", "en": "Book a visit"}


def _menu_link() -> None:
    """ "Đặt lịch hẹn" in the main menu of each language (once)."""
    for menu in NavigationMenu.objects.filter(location="header").select_related(
        "locale"
    ):
        language = menu.locale.language_code
        url = f"/{language}/dat-lich/"
        raw = list(menu.links.raw_data)
        if language not in MENU_TEXTS or any(
            (item.get("value") or {}).get("url") == url for item in raw
        ):
            continue
        raw.append(
            {
                "type": "link",
                "value": {"text": MENU_TEXTS[language], "page": None, "url": url},
            }
        )
        menu.links = json.dumps(raw)
        menu.save()


class VisitStory:
    """Past, future and today's visits, drawn in a fixed order."""

    def __init__(self, rng: random.Random, procedures, counters: list[Counter]):
        self.rng, self.counters = rng, counters
        self.rules = load_rules()
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        self.by_counter = {
            counter.pk: _served_by(counter, procedures) for counter in counters
        }
        self.bookings = self.tickets = 0
        self.phone = 0

    def tell(self) -> None:
        calendar = self.rules.calendar
        past, day = [], self.today
        while len(past) < PAST_WORKING_DAYS:
            day -= timedelta(days=1)
            if calendar.is_working_day(day):
                past.append(day)
        future, day = [], self.today
        while len(future) < FUTURE_WORKING_DAYS:
            day = calendar.next_working_day(day)
            future.append(day)
        for day in reversed(past):
            self.past_day(day)
        if calendar.is_working_day(self.today):
            self.future_day(self.today, checked_in_before=self.now)
        for day in future:
            self.future_day(day)
        if calendar.is_working_day(self.today):
            self.today_queue()

    def _slots(self, day: date) -> list[tuple[datetime, datetime]]:
        return day_slots(
            day, self.rules.calendar, self.rules.hours, self.rules.rules.slot_minutes
        )

    def _booking(self, counter, start, end, status) -> Booking | None:
        procedures = self.by_counter[counter.pk]
        if not procedures:
            return None
        procedure = self.rng.choice(procedures)
        self.phone += 1
        name = f"{self.rng.choice(FAMILY)} {self.rng.choice(MIDDLE)} {self.rng.choice(GIVEN)}"
        created = start - timedelta(days=self.rng.randint(1, 10), hours=3)
        return Booking(
            code=new_booking_code(),
            **Booking.procedure_fields(procedure),
            counter=counter,
            start=start,
            end=end,
            name=name,
            phone=f"09{self.phone:08d}",
            language="vi" if self.rng.random() < 0.9 else "en",
            status=status,
            created_at=min(created, self.now),
            changed_at=min(created, self.now),
        )

    def past_day(self, day: date) -> None:
        """Bookings of one past day (checked in, no-shows, cancelled) and the
        queue numbers of that day, all called."""
        slots = self._slots(day)
        bookings, tickets = [], []
        for counter in self.counters:
            for start, end in self.rng.sample(
                slots, min(len(slots), self.rng.randint(2, 7))
            ):
                roll = self.rng.random()
                status = (
                    BookingStatus.CHECKED_IN
                    if roll < 0.80
                    else BookingStatus.NO_SHOW
                    if roll < 0.92
                    else BookingStatus.CANCELLED
                )
                booking = self._booking(counter, start, end, status)
                if booking is not None:
                    bookings.append(booking)
        Booking.objects.bulk_create(bookings)
        for booking in bookings:
            if booking.status == BookingStatus.CHECKED_IN:
                arrived = booking.start - timedelta(minutes=self.rng.randint(0, 12))
                tickets.append((booking.counter, arrived, booking, 3, 15))
        for counter in self.counters:
            opens = self._slots(day)[0][0]
            for _i in range(self.rng.randint(6, 16)):
                arrived = opens + timedelta(minutes=self.rng.randint(0, 420))
                if arrived.hour >= 12 and arrived.hour < 13:
                    arrived += timedelta(hours=1, minutes=30)
                tickets.append((counter, arrived, None, 5, 40))
        self._past_tickets(day, tickets)
        self.bookings += len(bookings)

    def _past_tickets(self, day: date, tickets) -> None:
        numbers: dict[int, int] = {}
        rows = []
        for counter, arrived, booking, low, high in sorted(tickets, key=lambda t: t[1]):
            group = counter.group_id
            numbers[group] = numbers.get(group, 0) + 1
            called = arrived + timedelta(minutes=self.rng.randint(low, high))
            rows.append(
                Ticket(
                    group_id=group,
                    day=day,
                    number=numbers[group],
                    booking=booking,
                    status=TicketStatus.DONE
                    if self.rng.random() < 0.95
                    else TicketStatus.ABSENT,
                    issued_at=arrived,
                    called_at=called,
                    last_called_at=called,
                    calls=1,
                    counter=counter,
                )
            )
        Ticket.objects.bulk_create(rows)
        self.tickets += len(rows)

    def future_day(self, day: date, checked_in_before: datetime | None = None) -> None:
        """Some places already booked in the coming days (and today, where
        the visits that have begun are checked in)."""
        slots = self._slots(day)
        bookings = []
        for counter in self.counters:
            for start, end in self.rng.sample(
                slots, min(len(slots), self.rng.randint(1, 6))
            ):
                booking = self._booking(counter, start, end, BookingStatus.BOOKED)
                if booking is not None:
                    bookings.append(booking)
        Booking.objects.bulk_create(bookings)
        self.bookings += len(bookings)
        for booking in bookings:
            if checked_in_before is not None and booking.start <= checked_in_before:
                check_in(booking, now=booking.start)
                self.tickets += 1

    def today_queue(self) -> None:
        """Walk-in numbers of today, most of them called, some still waiting."""
        for counter in self.counters:
            for _i in range(self.rng.randint(3, 6)):
                issue_ticket(counter.group, now=self.now)
                self.tickets += 1
        minutes = 45
        for _round in range(3):
            for counter in self.counters:
                if self.rng.random() < 0.8:
                    call_next(counter, now=self.now - timedelta(minutes=minutes))
                minutes -= 1
        # Spread the arrival times of today's numbers over the last hour.
        for ticket in Ticket.objects.filter(day=self.today, booking=None).order_by(
            "number"
        ):
            ticket.issued_at = self.now - timedelta(minutes=95 - ticket.number)
            ticket.save(update_fields=["issued_at"])


def _served_by(counter: Counter, procedures) -> list[ProcedurePage]:
    agencies = set(counter.agencies.values_list("pk", flat=True))
    sectors = set(counter.sectors.values_list("pk", flat=True))
    return [p for p in procedures if p.agency_id in agencies or p.sector_id in sectors]
