"""Public statistics on dossiers, computed with aggregate queries only.

Definitions (also printed on the statistics page and returned by the API):

- **received**: dossiers received in the period (by received time);
- **resolved**: dossiers decided in the period (result ready or refused), by
  decision time;
- **resolved on time**: resolved dossiers decided on or before their due
  date. The due date is the appointment date given on the receipt, counted in
  working days from receipt (weekends and public holidays excluded); when the
  agency asked for a supplement, it is counted again from the day the
  supplement arrived. A date moved by an apology letter does not count: a
  dossier that needed an apology is late;
- **in progress**: dossiers received in the period and not decided yet;
- **overdue**: of those, the ones whose appointment date has passed while the
  agency owes the decision (not while waiting for the applicant's supplement);
- **average processing time**: mean number of working days from the day a
  dossier counted as received to the decision day, over dossiers resolved in
  the period;
- **satisfaction**: mean overall rating (1–5) of ratings given in the period.

Each figure is one grouped aggregate query (three in all, whatever the number
of dossiers); rows are merged per group in Python. (Over 400 lines: the
definitions above and the queries that implement them stay side by side.)
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Avg, Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.backoffice.deadlines import AGENCY_TURN, UNDECIDED
from portal.backoffice.models import Outcome
from portal.dossiers.models import Dossier

from .models import DossierRating

GROUPS = ("agency", "sector", "procedure", "month")
GROUP_LABELS = {
    "agency": _("Agency"),
    "sector": _("Sector"),
    "procedure": _("Procedure"),
    "month": _("Month"),
}
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$", re.ASCII)
MAX_MONTHS = 120
# Months outside these years are refused: no dossier is older, and the ends
# of the calendar (0001, 9999) would overflow date arithmetic.
FIRST_YEAR, LAST_YEAR = 1990, 2100

ON_TIME_DEFINITION = _(
    "A dossier is resolved on time when the agency's decision (result ready or "
    "refusal) is recorded on or before its due date. The due date is the "
    "appointment date on the receipt, counted in working days from receipt "
    "(weekends and public holidays excluded); when the agency asks for a "
    "supplement, it is counted again from the day the supplement arrives. A date "
    "moved by an apology letter does not count: a dossier that needed an apology "
    "is late."
)
DEFINITIONS = {
    "received": _("Dossiers received in the period."),
    "resolved": _("Dossiers decided in the period (result ready or refused)."),
    "on_time": ON_TIME_DEFINITION,
    "in_progress": _("Dossiers received in the period and not decided yet."),
    "overdue": _(
        "Dossiers in progress whose appointment date has passed while the agency "
        "owes the decision."
    ),
    "average_working_days": _(
        "Mean working days from the day a dossier counted as received to the "
        "decision day, for dossiers resolved in the period."
    ),
    "satisfaction": _("Mean overall rating (1 to 5) of ratings given in the period."),
}


class StatisticsError(ValueError):
    """Bad parameters (shown to the user or returned as HTTP 400)."""


@dataclass
class Row:
    """The figures of one group (or the total)."""

    key: str
    label: str
    received: int = 0
    resolved: int = 0
    resolved_on_time: int = 0
    in_progress: int = 0
    overdue: int = 0
    average_working_days: float | None = None
    ratings: int = 0
    satisfaction: float | None = None
    _days_sum: Decimal = field(default=Decimal(0), repr=False)
    _rating_sum: Decimal = field(default=Decimal(0), repr=False)

    @property
    def satisfaction_shown(self) -> float | None:
        """The mean rating as every page shows it (home, statistics, procedure):
        one decimal, rounded half up once from the exact mean, so two pages never
        show 4.3 and 4.4 for the same ratings."""
        if not self.ratings:
            return None
        return _round(self._rating_sum / self.ratings, "0.1")

    @property
    def resolved_late(self) -> int:
        return self.resolved - self.resolved_on_time

    @property
    def on_time_rate(self) -> float | None:
        """Percentage of resolved dossiers resolved on time (None: nothing resolved)."""
        if not self.resolved:
            return None
        return round(100 * self.resolved_on_time / self.resolved, 1)

    def as_dict(self) -> dict:
        data = {k: v for k, v in asdict(self).items() if not k.startswith("_")}
        data["resolved_late"] = self.resolved_late
        data["on_time_rate"] = self.on_time_rate
        return data


@dataclass
class Period:
    """A range of whole months, both ends included."""

    first: date  # first day of the first month
    last: date  # first day of the last month

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time.min, tzinfo=_tz())

    @property
    def end(self) -> datetime:
        """The first instant after the period."""
        following = _add_month(self.last)
        return datetime.combine(following, time.min, tzinfo=_tz())

    def months(self) -> list[date]:
        months, month = [], self.first
        while month <= self.last:
            months.append(month)
            month = _add_month(month)
        return months

    @property
    def from_param(self) -> str:
        return self.first.strftime("%Y-%m")

    @property
    def to_param(self) -> str:
        return self.last.strftime("%Y-%m")


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _add_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _parse_month(value: str, name: str) -> date:
    match = MONTH.match(value.strip())
    if not match:
        raise StatisticsError(
            _("“%(name)s” must be a month written YYYY-MM, e.g. 2026-01.")
            % {"name": name}
        )
    year = int(match.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise StatisticsError(
            _("“%(name)s” must be a month from %(first)s-01 to %(last)s-12.")
            % {"name": name, "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return date(year, int(match.group(2)), 1)


def default_period(today: date | None = None, months: int = 12) -> Period:
    """The last `months` months, the current one included."""
    today = today or timezone.localdate()
    last = today.replace(day=1)
    first = last
    for _i in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    return Period(first, last)


def parse_period(
    start: str | None, end: str | None, today: date | None = None
) -> Period:
    """Read `from`/`to` (YYYY-MM); missing ends default to the last 12 months."""
    default = default_period(today)
    first = _parse_month(start, "from") if start else None
    last = _parse_month(end, "to") if end else None
    if first is None and last is None:
        return default
    if first is None:
        first = default_period(last.replace(day=28)).first  # 12 months up to `to`
    if last is None:
        last = max(first, default.last)
    if first > last:
        raise StatisticsError(_("“from” must not be after “to”."))
    if len(Period(first, last).months()) > MAX_MONTHS:
        raise StatisticsError(
            _("The period may not be longer than %(n)s months.") % {"n": MAX_MONTHS}
        )
    return Period(first, last)


def parse_group(value: str | None) -> str:
    value = (value or "agency").strip()
    if value not in GROUPS:
        raise StatisticsError(
            _("“group_by” must be one of: %(groups)s.") % {"groups": ", ".join(GROUPS)}
        )
    return value


def _keys(group_by: str, prefix: str = "") -> tuple[dict, str, str | None]:
    """(annotations, key expression name, label name) for one grouping."""
    if group_by == "agency":
        return {}, f"{prefix}agency_id", f"{prefix}agency__name"
    if group_by == "sector":
        return {}, f"{prefix}sector_id", f"{prefix}sector__name"
    if group_by == "procedure":
        return {}, f"{prefix}procedure_code", f"{prefix}procedure_name"
    raise AssertionError(group_by)


def compute(
    group_by: str = "agency",
    period: Period | None = None,
    *,
    procedure_code: str | None = None,
    today: date | None = None,
) -> tuple[list[Row], Row]:
    """(rows, total) for the period, grouped by agency, sector, procedure or month."""
    period = period or default_period(today)
    today = today or timezone.localdate()
    dossiers, outcomes, ratings = _grouped(
        *_in_period(period, procedure_code), group_by
    )
    values = ["key"] if group_by == "month" else ["key", "label"]
    rows: dict[str, Row] = {}
    row_for = _row_maker(rows, group_by)
    if group_by == "month":
        for month in period.months():
            row_for({"key": month})
    received = dossiers.values(*values).annotate(
        received=Count("pk"),
        in_progress=Count("pk", filter=Q(status__in=UNDECIDED)),
        overdue=Count(
            "pk", filter=Q(status__in=AGENCY_TURN, appointment_date__lt=today)
        ),
    )
    for item in received.order_by():
        row = row_for(item)
        row.received = item["received"]
        row.in_progress = item["in_progress"]
        row.overdue = item["overdue"]
    resolved = outcomes.values(*values).annotate(
        resolved=Count("pk"),
        on_time=Count("pk", filter=Q(on_time=True)),
        days=Avg("working_days"),
        days_sum=Sum("working_days"),
    )
    for item in resolved.order_by():
        row = row_for(item)
        row.resolved = item["resolved"]
        row.resolved_on_time = item["on_time"]
        row._days_sum = Decimal(item["days_sum"] or 0)
        row.average_working_days = _round(item["days"])
    rated = ratings.values(*values).annotate(
        ratings=Count("pk"), mean_overall=Avg("overall"), overall_sum=Sum("overall")
    )
    for item in rated.order_by():
        row = row_for(item)
        row.ratings = item["ratings"]
        row._rating_sum = Decimal(item["overall_sum"] or 0)
        row.satisfaction = _round(item["mean_overall"], "0.01")
    ordered = sorted(
        rows.values(), key=lambda r: r.key if group_by == "month" else r.label
    )
    return ordered, _total(ordered)


def _in_period(
    period: Period, procedure_code: str | None
) -> tuple[QuerySet, QuerySet, QuerySet]:
    """Dossiers received, outcomes decided and ratings given in the period."""
    dossiers = Dossier.objects.filter(
        received_at__gte=period.start, received_at__lt=period.end
    )
    outcomes = Outcome.objects.filter(
        decided_at__gte=period.start, decided_at__lt=period.end
    )
    ratings = DossierRating.objects.filter(
        created_at__gte=period.start, created_at__lt=period.end
    )
    if procedure_code:
        dossiers = dossiers.filter(procedure_code=procedure_code)
        outcomes = outcomes.filter(dossier__procedure_code=procedure_code)
        ratings = ratings.filter(dossier__procedure_code=procedure_code)
    return dossiers, outcomes, ratings


def _grouped(
    dossiers: QuerySet, outcomes: QuerySet, ratings: QuerySet, group_by: str
) -> tuple[QuerySet, QuerySet, QuerySet]:
    """The three querysets annotated with the group `key` (and its `label`)."""
    if group_by == "month":
        tz = _tz()
        return (
            dossiers.annotate(key=TruncMonth("received_at", tzinfo=tz)),
            outcomes.annotate(key=TruncMonth("decided_at", tzinfo=tz)),
            ratings.annotate(key=TruncMonth("created_at", tzinfo=tz)),
        )
    _a, key, label = _keys(group_by)
    _a, o_key, o_label = _keys(group_by, "dossier__")
    return (
        dossiers.annotate(key=F(key), label=F(label)),
        outcomes.annotate(key=F(o_key), label=F(o_label)),
        ratings.annotate(key=F(o_key), label=F(o_label)),
    )


def _row_maker(rows: dict[str, Row], group_by: str):
    """A function giving the row of an aggregate item (created on first use)."""
    tz = _tz()

    def row_for(item: dict) -> Row:
        raw = item["key"]
        if group_by == "month":
            month = (
                timezone.localtime(raw, tz).date() if isinstance(raw, datetime) else raw
            )
            key, label = month.strftime("%Y-%m"), month.strftime("%m/%Y")
        else:
            key = "" if raw is None else str(raw)
            label = item.get("label") or "–"
        if key not in rows:
            rows[key] = Row(key=key, label=label)
        return rows[key]

    return row_for


def localise_labels(rows: list[Row], group_by: str, language: str) -> None:
    """Agency and sector names in `language` (one query) where a translation exists.

    Dossiers point at the default-locale rows; pages in another language show
    the translated names of the same agencies and sectors.
    """
    from wagtail.models import Locale

    from cms_pages.snippets import Agency, Sector

    model = {"agency": Agency, "sector": Sector}.get(group_by)
    if model is None or not rows or language == Locale.get_default().language_code:
        return
    keys = [int(row.key) for row in rows if row.key.isdigit()]
    pairs = model.objects.filter(pk__in=keys).values_list("pk", "translation_key")
    by_key = dict(pairs)
    names = dict(
        model.objects.filter(
            translation_key__in=by_key.values(), locale__language_code=language
        ).values_list("translation_key", "name")
    )
    for row in rows:
        if row.key.isdigit() and by_key.get(int(row.key)) in names:
            row.label = names[by_key[int(row.key)]]


def _round(value, step: str = "0.1") -> float | None:
    if value is None:
        return None
    return float(Decimal(value).quantize(Decimal(step), rounding=ROUND_HALF_UP))


def _total(rows: list[Row]) -> Row:
    total = Row(key="total", label=str(_("Total")))
    for row in rows:
        total.received += row.received
        total.resolved += row.resolved
        total.resolved_on_time += row.resolved_on_time
        total.in_progress += row.in_progress
        total.overdue += row.overdue
        total.ratings += row.ratings
        total._days_sum += row._days_sum
        total._rating_sum += row._rating_sum
    if total.resolved:
        total.average_working_days = _round(total._days_sum / total.resolved)
    if total.ratings:
        total.satisfaction = _round(total._rating_sum / total.ratings, "0.01")
    return total


SUMMARY_CACHE_SECONDS = 600
SUMMARY_CACHE_KEY = "transparency:procedure-summaries"


def procedure_summaries(today: date | None = None) -> dict[str, Row]:
    """Figures of every procedure over the last 12 months, keyed by code.

    Computed with the grouped aggregate queries for all procedures at once and
    cached for ten minutes (invalidated when a dossier is decided or rated), so
    a procedure page view costs at most one cache read.
    """
    from django.core.cache import cache

    period = default_period(today)
    key = f"{SUMMARY_CACHE_KEY}:{period.from_param}"
    summaries = cache.get(key)
    if summaries is None:
        rows, _total = compute("procedure", period, today=today)
        summaries = {row.key: row for row in rows if row.resolved or row.ratings}
        cache.set(key, summaries, SUMMARY_CACHE_SECONDS)
    return summaries


def invalidate_procedure_summaries() -> None:
    """Forget the cached procedure figures (after a decision or a rating)."""
    from django.core.cache import cache

    cache.delete(f"{SUMMARY_CACHE_KEY}:{default_period().from_param}")


def procedure_summary(procedure_code: str, today: date | None = None) -> Row | None:
    """On-time rate and satisfaction of one procedure over the last 12 months
    (None when nothing was resolved or rated)."""
    return procedure_summaries(today).get(procedure_code)
