"""Public figures on visits to the centre, computed with grouped aggregate
queries only (five, whatever the number of bookings and queue numbers).

Definitions (printed on the statistics page and returned by the API):

- **bookings**: visits booked for a day in the period (counted on the day of
  the visit), cancelled bookings left out;
- **no-show rate**: of the booked visits whose day is over, the share in which
  the visitor never checked in (marked as a no-show by staff, or still not
  checked in when the day ended);
- **average wait**: mean minutes from taking a queue number at the kiosk, or
  from checking in for a booked visit, to the first call to a counter, over
  the numbers called in the period.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.text import vietnamese_sort_key

from .models import Booking, BookingStatus, Counter, Ticket

DEFINITIONS = {
    "bookings": _(
        "Visits booked for a day in the period, counted on the day of the visit; "
        "cancelled bookings are left out."
    ),
    "no_show_rate": _(
        "Of the booked visits whose day is over, the share in which the visitor "
        "never checked in: marked as a no-show by staff, or still not checked in "
        "when the day ended."
    ),
    "average_wait_minutes": _(
        "Mean minutes from taking a queue number at the kiosk, or from checking "
        "in for a booked visit, to the first call to a counter, over the numbers "
        "called in the period."
    ),
}


@dataclass
class VisitRow:
    """The figures of one counter, sector or day (or the total)."""

    key: str
    label: str
    bookings: int = 0
    visits_over: int = 0
    no_shows: int = 0
    called: int = 0
    _wait: timedelta = field(default=timedelta(0), repr=False)

    @property
    def no_show_rate(self) -> float | None:
        """Percent of the visits already over (None while none is over)."""
        if not self.visits_over:
            return None
        return round(100 * self.no_shows / self.visits_over, 1)

    @property
    def average_wait_minutes(self) -> float | None:
        if not self.called:
            return None
        return round(self._wait.total_seconds() / 60 / self.called, 1)

    def add(self, other: VisitRow) -> None:
        self.bookings += other.bookings
        self.visits_over += other.visits_over
        self.no_shows += other.no_shows
        self.called += other.called
        self._wait += other._wait

    def as_dict(self) -> dict:
        data = {k: v for k, v in asdict(self).items() if not k.startswith("_")}
        data["no_show_rate"] = self.no_show_rate
        data["average_wait_minutes"] = self.average_wait_minutes
        return data


@dataclass
class VisitFigures:
    """Totals and breakdowns for one period."""

    total: VisitRow
    by_day: list[VisitRow]
    by_counter: list[VisitRow]
    by_sector: list[VisitRow]
    definitions = DEFINITIONS

    def as_dict(self) -> dict:
        return {
            "definitions": {key: str(text) for key, text in DEFINITIONS.items()},
            "total": self.total.as_dict(),
            "by_day": [
                {"date": row.key, "bookings": row.bookings} for row in self.by_day
            ],
            "by_counter": [row.as_dict() for row in self.by_counter],
            "by_sector": [row.as_dict() for row in self.by_sector],
        }


def _bookings(start: datetime, end: datetime) -> QuerySet:
    return Booking.objects.filter(start__gte=start, start__lt=end).exclude(
        status=BookingStatus.CANCELLED
    )


def _booking_counts(bookings: QuerySet, key: str, day_over: datetime) -> QuerySet:
    """bookings / visits over / no-shows per `key` (one grouped query)."""
    over = Q(start__lt=day_over)
    missed = over & Q(status__in=(BookingStatus.NO_SHOW, BookingStatus.BOOKED))
    return (
        bookings.values(key)
        .annotate(
            n=Count("pk"),
            over=Count("pk", filter=over),
            missed=Count("pk", filter=missed),
        )
        .order_by()
    )


def _fill(row: VisitRow, item: dict) -> VisitRow:
    row.bookings, row.visits_over, row.no_shows = (
        item["n"],
        item["over"],
        item["missed"],
    )
    return row


def _waits(start: datetime, end: datetime) -> QuerySet:
    """Numbers called in the period per counter, with their summed waits."""
    wait = ExpressionWrapper(
        F("called_at") - F("issued_at"), output_field=DurationField()
    )
    return (
        Ticket.objects.filter(called_at__gte=start, called_at__lt=end)
        .exclude(counter=None)
        .values("counter")
        .annotate(n=Count("pk"), wait=Sum(wait))
        .order_by()
    )


def _by_day(bookings: QuerySet) -> list[VisitRow]:
    """Bookings per day of the visit (the centre's days)."""
    days = (
        bookings.annotate(
            day=TruncDate("start", tzinfo=timezone.get_current_timezone())
        )
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    return [VisitRow(_iso(item["day"]), _iso(item["day"]), item["n"]) for item in days]


def visit_figures(
    start: datetime, end: datetime, *, now: datetime | None = None
) -> VisitFigures:
    """Figures of the visits between `start` (included) and `end` (excluded)."""
    now = now or timezone.now()
    day_over = datetime.combine(
        timezone.localdate(now), time.min, tzinfo=timezone.get_current_timezone()
    )
    bookings = _bookings(start, end)
    counters = {c.pk: c for c in Counter.objects.all()}
    by_counter: dict[int, VisitRow] = {
        pk: VisitRow(str(pk), f"{counter.number} – {counter.display_name}")
        for pk, counter in counters.items()
    }
    for item in _booking_counts(bookings, "counter", day_over):
        _fill(by_counter[item["counter"]], item)
    waits = _waits(start, end)
    for item in waits:
        row = by_counter[item["counter"]]
        row.called, row._wait = item["n"], _as_timedelta(item["wait"])
    by_sector = [
        _fill(VisitRow(str(item["sector"] or ""), item["sector__name"] or "–"), item)
        for item in _booking_counts(bookings, "sector", day_over).values(
            "sector", "sector__name", "n", "over", "missed"
        )
    ]
    by_day = _by_day(bookings)
    total = VisitRow("total", str(_("Total")))
    for row in by_counter.values():
        total.add(row)
    used = [row for row in by_counter.values() if row.bookings or row.called]
    return VisitFigures(
        total=total,
        by_day=by_day,
        by_counter=sorted(used, key=lambda row: _counter_order(counters, row)),
        by_sector=sorted(by_sector, key=lambda row: vietnamese_sort_key(row.label)),
    )


def _counter_order(counters: dict[int, Counter], row: VisitRow) -> tuple:
    number = counters[int(row.key)].number
    return (int(number) if number.isdigit() else 10**6, number)


def _as_timedelta(value) -> timedelta:
    """A summed duration: a timedelta, or microseconds on some backends."""
    if value is None:
        return timedelta(0)
    if isinstance(value, timedelta):
        return value
    return timedelta(microseconds=int(value))


def _iso(day) -> str:
    return day.isoformat() if isinstance(day, date) else str(day)
