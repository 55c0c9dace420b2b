"""Overdue detection and due-date warnings with the holiday calendar."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from portal.backoffice import deadlines
from portal.backoffice.models import DueWarning
from portal.dossiers.models import Dossier
from portal.dossiers.models import DossierStatus as S
from portal.transparency.statistics import Period, compute

pytestmark = pytest.mark.django_db

# Received Friday 13 February 2026 at 10:00 with 3 working days: Tết keeps the
# offices closed 16–20 February, so the days counted are 23, 24 and 25 February.
TET = {
    "received_at": "2026-02-13T10:00:00+07:00",
    "processing_days": 3,
    "counting_from": date(2026, 2, 23),
    "first_appointment_date": date(2026, 2, 25),
    "appointment_date": date(2026, 2, 25),
    "status": S.IN_PROCESSING,
}


def codes(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


def test_the_appointment_date_of_the_fixture_follows_the_calendar():
    from portal.dossiers.calendar import load_calendar
    from tests.factories.backoffice import local

    calendar = load_calendar()
    assert calendar.appointment(local(2026, 2, 13, 10), 3) == (
        date(2026, 2, 23),
        date(2026, 2, 25),
    )


@pytest.mark.parametrize(
    ("today", "overdue"),
    [
        (date(2026, 2, 20), False),  # Tết: not due yet
        (date(2026, 2, 25), False),  # due today
        (date(2026, 2, 26), True),
    ],
)
def test_overdue_across_tet(make_dossier, today, overdue):
    make_dossier(code="TET", **TET)
    assert bool(codes(deadlines.overdue(today=today))) is overdue
    _rows, total = compute(
        "agency", Period(date(2026, 2, 1), date(2026, 2, 1)), today=today
    )
    assert total.overdue == int(overdue)


@pytest.mark.parametrize(
    ("today", "days", "due_soon"),
    [
        # On Friday 13 Feb, 2 working days ahead reach Tuesday 24 Feb: not the 25th.
        (date(2026, 2, 13), 2, False),
        # 3 working days ahead reach the 25th, eleven calendar days away.
        (date(2026, 2, 13), 3, True),
        (date(2026, 2, 24), 1, True),
        (date(2026, 2, 26), 5, False),  # overdue, not "due soon"
    ],
)
def test_due_soon_counts_working_days(make_dossier, today, days, due_soon):
    make_dossier(code="TET", **TET)
    assert bool(codes(deadlines.due_soon(days, today=today))) is due_soon


def test_waiting_for_the_applicant_is_not_overdue(make_dossier):
    make_dossier(code="WAIT", **{**TET, "status": S.SUPPLEMENT_REQUESTED})
    make_dossier(code="DONE", **{**TET, "status": S.APPROVED})
    assert codes(deadlines.overdue(today=date(2026, 3, 2))) == set()


def test_warning_command_emails_the_agency_officials_once(
    make_dossier, users, agencies, settings
):
    from django.utils import timezone

    today = timezone.localdate()
    late = make_dossier(
        code="LATE", status=S.IN_PROCESSING
    )  # due in March 2026: overdue
    soon = make_dossier(code="SOON", status=S.RECEIVED, appointment_date=today)
    make_dossier(code="OTHER", agency=agencies[1], status=S.IN_PROCESSING)
    call_command("warn_due_dossiers", "--days", "2")
    own_mail = [m for m in mail.outbox if users["official"].email in m.to]
    assert len(own_mail) == 1
    body = own_mail[0].body
    assert "LATE" in body and "SOON" in body and "OTHER" not in body
    assert users["centre"].email not in {a for m in mail.outbox for a in m.to}
    assert set(DueWarning.objects.values_list("dossier__code", flat=True)) == {
        "LATE",
        "SOON",
        "OTHER",
    }
    mail.outbox.clear()
    call_command("warn_due_dossiers", "--days", "2")
    assert mail.outbox == []
    # A new due date (after an apology) is warned about again.
    Dossier.objects.filter(pk=late.pk).update(appointment_date=today)
    call_command("warn_due_dossiers", "--days", "2")
    assert len(mail.outbox) == 1
    assert soon.pk
