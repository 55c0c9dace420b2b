"""Hostile input never makes a booking page, the kiosk, the board or the
admin counter screens answer 500 (the hardening engineer's fuzz tests cover
every public endpoint; these are the appointments' own cases)."""

import pytest
from django.test import Client

from .conftest import local

NASTY = [
    "\x00",
    "LH-\x00AAAAA",
    "x" * 5000,
    "2027-03-01T07:30\n",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "９９９",
    "2027-13-45T99:99",
    "-1",
    "' OR 1=1 --",
]


@pytest.fixture
def staff_client(backoffice_groups, counter):
    from django.apps import apps

    from portal.appointments.migrations._groups import grant
    from tests.factories.backoffice import make_centre_staff

    grant(apps, None)
    client = Client()
    client.force_login(make_centre_staff())
    return client


@pytest.mark.parametrize("value", NASTY)
def test_public_pages_refuse_hostile_input_cleanly(
    client, procedure, counter, travel_to, value
):
    travel_to(local(2027, 2, 26, 10, 0))
    book = "/vi/dat-lich/thu-tuc/1.001612/"
    answers = [
        client.get(book, {"day": value}),
        client.post(
            book,
            {
                "day": value,
                "slot": value,
                "name": value,
                "phone": value,
                "email": value,
            },
        ),
        client.get("/vi/dat-lich/", {"q": value, "sector": value}),
        client.get("/vi/dat-lich/quan-ly/", {"code": value}),
        client.post("/vi/dat-lich/quan-ly/", {"code": value, "verify": value}),
        client.post("/vi/lay-so/", {"group": value}),
        client.get("/api/appointments/board/", {"locale": value}),
        client.get(
            "/api/appointments/slots/",
            {"procedure": value, "from": value, "days": value},
        ),
    ]
    assert all(answer.status_code < 500 for answer in answers), [
        a.status_code for a in answers
    ]


@pytest.mark.parametrize("value", NASTY)
def test_counter_screens_refuse_hostile_input_cleanly(staff_client, value):
    answers = [
        staff_client.get("/admin/lich-hen/diem-danh/", {"code": value}),
        staff_client.post("/admin/lich-hen/diem-danh/", {"booking": value}),
        staff_client.get("/admin/goi-so/", {"counter": value}),
    ]
    assert all(answer.status_code < 500 for answer in answers), [
        a.status_code for a in answers
    ]
