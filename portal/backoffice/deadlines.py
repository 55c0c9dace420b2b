"""Due dates: which dossiers are overdue, which fall due soon.

A dossier is *overdue* when the agency still owes a decision (received, in
processing, supplemented or transferred) and its appointment date has passed.
While a supplement is requested the applicant holds the dossier, so it is not
counted as overdue (the processing time restarts when the supplement arrives).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from portal.dossiers.calendar import WorkingCalendar, load_calendar
from portal.dossiers.models import Dossier, DossierStatus

S = DossierStatus
# The agency owes a decision in these statuses.
AGENCY_TURN = (S.RECEIVED, S.IN_PROCESSING, S.SUPPLEMENTED, S.TRANSFERRED)
# Not yet decided (the applicant may hold it).
UNDECIDED = (*AGENCY_TURN, S.SUPPLEMENT_REQUESTED)


def overdue(queryset: QuerySet | None = None, today: date | None = None) -> QuerySet:
    """Dossiers past their appointment date on which the agency owes a decision."""
    queryset = Dossier.objects.all() if queryset is None else queryset
    today = today or timezone.localdate()
    return queryset.filter(status__in=AGENCY_TURN, appointment_date__lt=today)


def warning_horizon(
    days: int, today: date | None = None, calendar: WorkingCalendar | None = None
) -> date:
    """The last date that is at most `days` working days after today."""
    today = today or timezone.localdate()
    calendar = calendar or load_calendar()
    return calendar.add_working_days(today, days) if days > 0 else today


def due_soon(
    days: int,
    queryset: QuerySet | None = None,
    today: date | None = None,
    calendar: WorkingCalendar | None = None,
) -> QuerySet:
    """Dossiers the agency owes that fall due today or within `days` working days."""
    queryset = Dossier.objects.all() if queryset is None else queryset
    today = today or timezone.localdate()
    horizon = warning_horizon(days, today, calendar)
    return queryset.filter(
        status__in=AGENCY_TURN,
        appointment_date__gte=today,
        appointment_date__lte=horizon,
    )


def warning_days(request=None) -> int:
    """The configured warning period (BackOfficeSettings), in working days."""
    from wagtail.models import Site

    from .models import BackOfficeSettings

    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return BackOfficeSettings._meta.get_field("warning_working_days").default
    return BackOfficeSettings.for_site(site).warning_working_days


@dataclass(frozen=True)
class DueState:
    """Where a dossier stands against its appointment date, in working days.

    `kind` is "ahead" (days_left > 0), "today", "overdue" (days_late > 0),
    "paused" (the applicant holds it: a supplement is requested) or "done"
    (decided, returned or withdrawn: no countdown).
    """

    kind: str
    due: date
    days_left: Decimal = Decimal(0)
    days_late: Decimal = Decimal(0)

    @staticmethod
    def _plural_count(days: Decimal) -> int:
        # gettext chooses plural forms by integer; a half day reads as plural.
        return int(days) if days == days.to_integral_value() else 2

    @property
    def left_count(self) -> int:
        """`days_left` as the integer that picks the plural form."""
        return self._plural_count(self.days_left)

    @property
    def late_count(self) -> int:
        """`days_late` as the integer that picks the plural form."""
        return self._plural_count(self.days_late)


def due_state(
    due: date,
    status: str,
    today: date | None = None,
    calendar: WorkingCalendar | None = None,
) -> DueState:
    """How many working days are left before `due`, or how many it is late by."""
    today = today or timezone.localdate()
    if status == S.SUPPLEMENT_REQUESTED:
        return DueState("paused", due)
    if status not in AGENCY_TURN:
        return DueState("done", due)
    calendar = calendar or load_calendar()
    if due > today:
        return DueState(
            "ahead", due, days_left=calendar.working_days_between(today, due)
        )
    if due == today:
        return DueState("today", due)
    return DueState("overdue", due, days_late=calendar.working_days_between(due, today))
