"""Slot arithmetic as a table of cases, without a database: working days,
opening hours, cut-off, lead time and the booking window."""

from datetime import date, time, timedelta

import pytest

from portal.appointments.slots import (
    OpeningHours,
    SlotRules,
    candidate_slots,
    day_slots,
    last_bookable_day,
    sessions,
)
from portal.dossiers.calendar import WorkingCalendar
from portal.dossiers.calendar_data import CALENDAR_DAYS

from .conftest import local

HOLIDAYS = frozenset(
    date.fromisoformat(day) for day, kind, *_ in CALENDAR_DAYS if kind != "working_day"
)
MAKE_UP = frozenset(
    date.fromisoformat(day) for day, kind, *_ in CALENDAR_DAYS if kind == "working_day"
)
CALENDAR = WorkingCalendar(days_off=HOLIDAYS, extra_working_days=MAKE_UP)
WITH_SATURDAYS = WorkingCalendar(
    days_off=HOLIDAYS, extra_working_days=MAKE_UP, saturday_morning=True
)
HOURS = OpeningHours()
TET_2027 = [date(2027, 2, 4) + timedelta(days=n) for n in range(7)]


def starts(slots) -> list[str]:
    return [start.strftime("%H:%M") for start, _end in slots]


@pytest.mark.parametrize(
    ("day", "calendar", "expected"),
    [
        # A Monday: both sessions; the last slot starts before the 16:30 cut-off.
        (
            date(2027, 3, 1),
            CALENDAR,
            ["07:30", "08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00"]
            + ["13:30", "14:00", "14:30", "15:00", "15:30", "16:00"],
        ),
        (date(2027, 3, 6), CALENDAR, []),  # Saturday, not worked
        (date(2027, 3, 7), WITH_SATURDAYS, []),  # Sunday, never
        # Saturday morning worked: morning only, before the 11:00 cut-off.
        (
            date(2027, 3, 6),
            WITH_SATURDAYS,
            ["07:30", "08:00", "08:30", "09:00", "09:30", "10:00", "10:30"],
        ),
        (date(2027, 2, 8), CALENDAR, []),  # Tết 2027 (Mùng 3)
        (date(2027, 9, 2), CALENDAR, []),  # National Day
        (date(2026, 8, 22), CALENDAR, starts(day_slots(date(2027, 3, 1), CALENDAR, HOURS, 30))),
    ],
)  # fmt: skip
def test_slots_of_a_day(day, calendar, expected):
    assert starts(day_slots(day, calendar, HOURS, 30)) == expected


def test_slot_length_and_opening_hours_are_respected():
    hours = OpeningHours(time(8, 0), time(11, 0), time(14, 0), time(16, 0))
    slots = day_slots(date(2027, 3, 1), CALENDAR, hours, 45)
    assert starts(slots) == ["08:00", "08:45", "09:30", "10:15", "14:00", "14:45"]
    assert all(end - start == timedelta(minutes=45) for start, end in slots)
    assert all(end.time() <= time(16, 0) for _start, end in slots)


def test_a_make_up_saturday_has_both_sessions():
    assert len(sessions(date(2026, 8, 22), CALENDAR, HOURS)) == 2


def test_lead_time_and_the_past_are_left_out():
    now = local(2027, 3, 1, 8, 10)
    slots = candidate_slots(
        date(2027, 2, 26),
        date(2027, 3, 1),
        now=now,
        calendar=CALENDAR,
        hours=HOURS,
        rules=SlotRules(lead_minutes=120),
    )
    assert slots[0][0] == local(2027, 3, 1, 10, 30)
    assert all(start >= now + timedelta(hours=2) for start, _end in slots)


def test_the_window_counts_working_days_across_tet():
    # Tuesday 2 February 2027: then Wednesday 3, then Tết until Wednesday 10.
    assert last_bookable_day(date(2027, 2, 2), CALENDAR, 1) == date(2027, 2, 3)
    assert last_bookable_day(date(2027, 2, 2), CALENDAR, 2) == date(2027, 2, 11)
    slots = candidate_slots(
        date(2027, 2, 1),
        date(2027, 3, 31),
        now=local(2027, 2, 2, 6, 0),
        calendar=CALENDAR,
        hours=HOURS,
        rules=SlotRules(window_days=3),
    )
    assert {start.date() for start, _end in slots} == {
        date(2027, 2, 2),
        date(2027, 2, 3),
        date(2027, 2, 11),
        date(2027, 2, 12),
    }


def test_no_slot_ever_on_a_sunday_or_in_tet_2027():
    slots = candidate_slots(
        date(2027, 1, 1),
        date(2027, 3, 31),
        now=local(2026, 12, 31, 18, 0),
        calendar=WITH_SATURDAYS,
        hours=HOURS,
        rules=SlotRules(window_days=60),
    )
    days = {start.date() for start, _end in slots}
    assert days
    assert not [day for day in days if day.weekday() == 6]
    assert not days & set(TET_2027)
