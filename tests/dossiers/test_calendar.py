"""The working-day function against a table of cases across Tết, Hùng Kings'
day, 30/4–1/5, National Day and a make-up Saturday."""

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from portal.dossiers.calendar import WorkingCalendar, load_calendar
from portal.dossiers.calendar_data import CALENDAR_DAYS, WORKING_DAY

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def official(**options) -> WorkingCalendar:
    days_off = frozenset(
        date.fromisoformat(d) for d, kind, *_ in CALENDAR_DAYS if kind != WORKING_DAY
    )
    extra = frozenset(
        date.fromisoformat(d) for d, kind, *_ in CALENDAR_DAYS if kind == WORKING_DAY
    )
    return WorkingCalendar(days_off=days_off, extra_working_days=extra, **options)


def at(y, m, d, hh=10, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=VN)


CASES = [
    # (received, working days, counted from, appointment date, why)
    (at(2026, 2, 12), "1", date(2026, 2, 13), date(2026, 2, 13), "ordinary Thursday"),
    (
        at(2026, 2, 13),
        "3",
        date(2026, 2, 23),
        date(2026, 2, 25),
        "Tết 16–20 Feb skipped",
    ),
    (
        at(2026, 2, 13, 17, 0),
        "1",
        date(2026, 2, 24),
        date(2026, 2, 24),
        "after cut-off before Tết",
    ),
    (
        at(2026, 2, 14),
        "2",
        date(2026, 2, 24),
        date(2026, 2, 25),
        "received on a weekend in Tết",
    ),
    (at(2026, 2, 17), "1", date(2026, 2, 24), date(2026, 2, 24), "received on Mùng 1"),
    (
        at(2026, 8, 21),
        "1",
        date(2026, 8, 22),
        date(2026, 8, 22),
        "make-up Saturday 22 Aug is worked",
    ),
    (
        at(2026, 8, 22),
        "1",
        date(2026, 8, 24),
        date(2026, 8, 24),
        "received on the make-up Saturday",
    ),
    (
        at(2026, 8, 28),
        "1",
        date(2026, 9, 3),
        date(2026, 9, 3),
        "31 Aug swapped, 1–2 Sep National Day",
    ),
    (
        at(2026, 4, 24),
        "2",
        date(2026, 4, 28),
        date(2026, 4, 29),
        "Hùng Kings' day in lieu on Monday",
    ),
    (at(2026, 4, 24), "3", date(2026, 4, 28), date(2026, 5, 4), "then 30/4 and 1/5"),
    (at(2026, 3, 2), "0", date(2026, 3, 2), date(2026, 3, 2), "same day"),
    (
        at(2026, 3, 2, 9),
        "0.5",
        date(2026, 3, 2),
        date(2026, 3, 2),
        "half a day, morning",
    ),
    (
        at(2026, 3, 2, 14),
        "0.5",
        date(2026, 3, 3),
        date(2026, 3, 3),
        "half a day, afternoon",
    ),
    (at(2026, 3, 6), "1.5", date(2026, 3, 9), date(2026, 3, 10), "no Saturday work"),
    (at(2027, 2, 3), "1", date(2027, 2, 11), date(2027, 2, 11), "Tết 2027 4–10 Feb"),
    (
        at(2026, 12, 31, 16, 29),
        "1",
        date(2027, 1, 4),
        date(2027, 1, 4),
        "just before cut-off, New Year",
    ),
    (
        at(2026, 12, 31, 16, 30),
        "1",
        date(2027, 1, 5),
        date(2027, 1, 5),
        "at cut-off: next working day",
    ),
]


@pytest.mark.smoke
@pytest.mark.parametrize(
    "received,days,start,due,why", CASES, ids=[case[-1] for case in CASES]
)
def test_appointment_table(received, days, start, due, why):
    assert official().appointment(received, Decimal(days)) == (start, due), why


@pytest.mark.smoke
def test_saturday_morning_counts_half_a_day():
    calendar = official(saturday_morning=True)
    # Fri 6 Mar 2026 + 1.5 days = Sat morning (½) + Mon (1).
    assert calendar.appointment(at(2026, 3, 6), Decimal("1.5")) == (
        date(2026, 3, 7),
        date(2026, 3, 9),
    )
    # Received Saturday after the Saturday cut-off: counts from Monday.
    assert calendar.receipt_day(at(2026, 3, 7, 11, 30)) == date(2026, 3, 9)
    assert calendar.receipt_day(at(2026, 3, 7, 9, 0)) == date(2026, 3, 7)
    # A Tết Saturday is still off.
    assert calendar.capacity(date(2026, 2, 21)) == Decimal(
        "0.5"
    )  # 21 Feb is not a holiday
    assert calendar.capacity(date(2026, 2, 14)) == Decimal("0.5")


@pytest.mark.smoke
def test_working_days_between():
    calendar = official()
    assert calendar.working_days_between(date(2026, 2, 13), date(2026, 2, 25)) == 3
    assert calendar.working_days_between(date(2026, 8, 21), date(2026, 8, 24)) == 2
    assert calendar.working_days_between(date(2026, 3, 3), date(2026, 3, 2)) == 0


@pytest.mark.smoke
def test_custom_cutoff():
    calendar = official(cutoff=time(11, 0))
    assert calendar.receipt_day(at(2026, 3, 2, 11, 5)) == date(2026, 3, 3)


@pytest.mark.django_db
def test_database_calendar_matches_the_shipped_data():
    from portal.dossiers.calendar_data import load_calendar_days
    from portal.dossiers.models import CalendarDay

    # Loaded by migration 0002; reloading (after a transactional test's flush) is a no-op otherwise.
    load_calendar_days(CalendarDay)
    calendar = load_calendar()
    assert calendar == official()
    assert date(2026, 2, 17) in calendar.days_off
    assert date(2026, 4, 26) in calendar.days_off  # Giỗ Tổ Hùng Vương 10/3 âm lịch
    assert date(2026, 8, 22) in calendar.extra_working_days
    assert date(2027, 2, 6) in calendar.days_off  # Tết 2027, Mùng 1


@pytest.mark.django_db
def test_editor_changes_apply(admin_client):
    from portal.dossiers.calendar_data import load_calendar_days
    from portal.dossiers.models import CalendarDay

    load_calendar_days(CalendarDay)
    CalendarDay.objects.create(
        date=date(2026, 3, 3), kind="day_off", name="Nghỉ đột xuất"
    )
    assert load_calendar().appointment(at(2026, 3, 2), Decimal(1)) == (
        date(2026, 3, 4),
        date(2026, 3, 4),
    )
    response = admin_client.get("/admin/snippets/dossiers/calendarday/")
    assert response.status_code == 200
    assert "Nghỉ đột xuất" in response.content.decode()
    assert (
        admin_client.get("/admin/snippets/dossiers/calendarday/add/").status_code == 200
    )
    assert (
        admin_client.get(
            "/admin/snippets/dossiers/calendarday/?kind=working_day"
        ).status_code
        == 200
    )


@pytest.mark.django_db
def test_working_hours_setting_applies(admin_client, site_tree):
    from wagtail.models import Site

    from portal.dossiers.models import WorkingTimeSettings

    site = Site.objects.get(is_default_site=True)
    response = admin_client.get(
        f"/admin/settings/dossiers/workingtimesettings/{site.pk}/"
    )
    assert response.status_code == 200
    hours = WorkingTimeSettings.for_site(site)
    hours.saturday_morning_work = True
    hours.cutoff_time = time(11, 0)
    hours.save()
    calendar = load_calendar(site)
    assert calendar.saturday_morning and calendar.cutoff == time(11, 0)
    assert calendar.receipt_day(at(2026, 3, 2, 11, 30)) == date(2026, 3, 3)


@pytest.mark.django_db
def test_the_calendar_is_read_once_then_follows_every_edit(
    django_assert_num_queries,
):
    from wagtail.models import Site

    from portal.dossiers.calendar_data import load_calendar_days
    from portal.dossiers.models import CalendarDay, WorkingTimeSettings

    load_calendar_days(CalendarDay)
    first = load_calendar()
    with django_assert_num_queries(0):
        assert load_calendar() == first
    monday = at(2026, 3, 2)

    extra = CalendarDay.objects.create(date=date(2026, 3, 3), kind="day_off")
    assert load_calendar().appointment(monday, Decimal(1))[1] == date(2026, 3, 4)
    extra.kind = "working_day"
    extra.save()
    assert date(2026, 3, 3) in load_calendar().extra_working_days
    extra.delete()
    assert load_calendar() == first

    site = Site.objects.get(is_default_site=True)
    assert load_calendar(site).saturday_morning is False
    hours = WorkingTimeSettings.for_site(site)
    hours.saturday_morning_work = True
    hours.save()
    assert load_calendar(site).saturday_morning is True
    assert load_calendar().saturday_morning is True
