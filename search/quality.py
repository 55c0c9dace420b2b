"""Search quality for editors: what people search, what fails, what to fix.

Read from the daily counters of `query_log.py` (`SearchQueryLog`,
`SearchClick`); shown in the admin (Search -> Search quality, `admin_views.py`):

- top queries of a period, with how often a result was opened;
- queries that found nothing;
- queries with results that nobody opened (the results do not look right);
- the trend per week: searches, share finding nothing, share opening a result;
- for one query, the procedures worth promoting: those people opened after
  it, and what its words find.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, IntegerField, Max, Q, QuerySet, Sum, When
from django.db.models.functions import TruncWeek
from django.utils import timezone

from search.forms import SearchParams
from search.models import SearchClick, SearchQueryLog
from search.service import search_procedures
from search.understanding import plan_for

NOBODY_OPENED_MIN = 2  # searches before "nobody opened a result" means something


@dataclass
class Period:
    """The days a report covers (inclusive) and, optionally, one language."""

    days: int = 28
    locale: str = ""

    @property
    def start(self) -> date:
        return timezone.localdate() - timedelta(days=self.days - 1)

    def logs(self) -> QuerySet[SearchQueryLog]:
        qs = SearchQueryLog.objects.filter(day__gte=self.start)
        return qs.filter(locale=self.locale) if self.locale else qs


def _per_query(qs: QuerySet[SearchQueryLog]) -> QuerySet:
    return qs.values("query", "locale").annotate(
        total=Sum("searches"),
        opened=Sum("clicks"),
        found=Max("last_result_count"),
        days_found_nothing=Sum(
            Case(
                When(zero_results=True, then=1), default=0, output_field=IntegerField()
            )
        ),
    )


def top_queries(period: Period, limit: int = 20) -> list[dict[str, Any]]:
    """The most searched queries of the period."""
    return list(_per_query(period.logs()).order_by("-total", "query")[:limit])


def found_nothing(period: Period, limit: int = 20) -> list[dict[str, Any]]:
    """Queries whose latest search found nothing, most searched first."""
    latest = period.logs().filter(zero_results=True)
    return list(_per_query(latest).order_by("-total", "query")[:limit])


def nobody_opened(period: Period, limit: int = 20) -> list[dict[str, Any]]:
    """Queries that found results, searched repeatedly, none of them opened."""
    rows = _per_query(period.logs()).filter(
        found__gt=0, opened=0, total__gte=NOBODY_OPENED_MIN
    )
    return list(rows.order_by("-total", "query")[:limit])


def weekly(period: Period) -> list[dict[str, Any]]:
    """Per week: searches, share that found nothing, share that opened a result."""
    rows = (
        period.logs()
        .annotate(week=TruncWeek("day"))
        .values("week")
        .annotate(
            total=Sum("searches"),
            opened=Sum("clicks"),
            nothing=Sum(Case(When(zero_results=True, then="searches"), default=0)),
        )
        .order_by("week")
    )
    return [
        {
            **row,
            "nothing_share": (row["nothing"] or 0) / row["total"]
            if row["total"]
            else 0,
            "opened_share": min(1.0, (row["opened"] or 0) / row["total"])
            if row["total"]
            else 0,
        }
        for row in rows
    ]


def candidates(query: str, locale: str, limit: int = 8) -> list[dict[str, Any]]:
    """Procedures an editor may want to promote for `query`: those opened
    after it, then what it finds, then what each of its words finds."""
    seen: dict[str, dict[str, Any]] = {}
    opened = (
        SearchClick.objects.filter(Q(query=query) & Q(locale=locale))
        .values("code")
        .annotate(total=Sum("clicks"))
        .order_by("-total")
    )
    for row in opened[:limit]:
        seen.setdefault(row["code"], {"code": row["code"], "opened": row["total"]})
    texts = [query] + [slot.text for slot in plan_for(query, locale).required_slots]
    for text in texts:
        params = SearchParams(q=text, locale=locale, page_size=limit)
        for hit in search_procedures(params).results:
            seen.setdefault(hit.code, {"code": hit.code, "opened": 0})
            seen[hit.code].setdefault("name", hit.name)
        if len(seen) >= limit:
            break
    return list(seen.values())[:limit]
