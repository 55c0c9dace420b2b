"""Public figures on questions and reports (hỏi đáp), per agency.

Definitions (printed on the statistics page and returned by the API):

- **received**: questions and reports received in the period, counted for
  the agency now responsible for them (the centre when none is);
- **answered**: questions answered in the period (by the time of the
  answer), by their own answer or by pointing to a published answer to the
  same question;
- **answered on time**: answered on or before the due date, which is the
  configured number of working days after the day the question counted as
  received (the working-day calendar of dossiers: weekends and public
  holidays excluded, the centre's cut-off hour applied);
- **median days to answer**: the median of the working days from the day a
  question counted as received to the day it was answered, over the
  questions answered in the period.

Two grouped queries whatever the number of questions; the medians are taken
in Python from the answered questions' recorded working days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from cms_pages.models import Agency
from portal.questions.models import ANSWERED_STATUSES, Question
from portal.questions.queries import centre_name, localised_names

from .statistics import Period, _round

CENTRE_KEY = "centre"
DEFINITIONS = {
    "received": _(
        "Questions and reports received in the period, counted for the agency now "
        "responsible for them (the centre when no agency is)."
    ),
    "answered": _(
        "Questions answered in the period, by their own answer or by pointing to "
        "a published answer to the same question."
    ),
    "answered_on_time": _(
        "Answered on or before the due date: the set number of working days after "
        "the day the question counted as received (weekends and public holidays "
        "excluded, the centre's cut-off hour applied)."
    ),
    "median_working_days": _(
        "The median number of working days from the day a question counted as "
        "received to the day it was answered, over questions answered in the period."
    ),
}


@dataclass
class QuestionRow:
    """The question figures of one agency (or the total)."""

    key: str
    label: str
    received: int = 0
    answered: int = 0
    answered_on_time: int = 0
    median_working_days: float | None = None
    _days: list[Decimal] = field(default_factory=list, repr=False)

    @property
    def on_time_rate(self) -> float | None:
        if not self.answered:
            return None
        return round(100 * self.answered_on_time / self.answered, 1)

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "received": self.received,
            "answered": self.answered,
            "answered_on_time": self.answered_on_time,
            "on_time_rate": self.on_time_rate,
            "median_working_days": self.median_working_days,
        }


def compute(period: Period, language: str) -> tuple[list[QuestionRow], QuestionRow]:
    """(rows per agency, total) for the period; agency names in `language`."""
    received = (
        Question.objects.filter(
            received_at__gte=period.start, received_at__lt=period.end
        )
        .values("agency")
        .annotate(n=Count("pk"))
        .order_by()
    )
    answered = Question.objects.filter(
        status__in=ANSWERED_STATUSES,
        answered_at__gte=period.start,
        answered_at__lt=period.end,
    ).values_list("agency", "answered_on_time", "answer_working_days")
    rows: dict[int | None, QuestionRow] = {}

    def row_for(agency_id: int | None) -> QuestionRow:
        if agency_id not in rows:
            rows[agency_id] = QuestionRow(key=str(agency_id or CENTRE_KEY), label="")
        return rows[agency_id]

    for item in received:
        row_for(item["agency"]).received = item["n"]
    for agency_id, on_time, days in answered:
        row = row_for(agency_id)
        row.answered += 1
        row.answered_on_time += 1 if on_time else 0
        if days is not None:
            row._days.append(days)
    names = localised_names(Agency, [pk for pk in rows if pk is not None], language)
    total = QuestionRow(key="total", label=str(_("Total")))
    for agency_id, row in rows.items():
        row.label = names.get(agency_id, "–") if agency_id else centre_name(language)
        row.median_working_days = _median(row._days)
        total.received += row.received
        total.answered += row.answered
        total.answered_on_time += row.answered_on_time
        total._days += row._days
    total.median_working_days = _median(total._days)
    return sorted(rows.values(), key=lambda r: r.label), total


def _median(days: list[Decimal]) -> float | None:
    return _round(median(days)) if days else None
