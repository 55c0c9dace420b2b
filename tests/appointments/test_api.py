"""The slots API: the contract's shape, strict parameters (400), unknown
procedures (404), never a 500, and never a Sunday or a day of Tết 2027."""

from datetime import date, datetime, timedelta

import pytest

from tests.api.openapi import assert_matches_schema
from tests.factories.appointments import BookingFactory

from .conftest import local

URL = "/api/appointments/slots/"
TET_2027 = {date(2027, 2, 4) + timedelta(days=n) for n in range(7)}


@pytest.fixture
def wide_window(booking_settings):
    booking_settings.booking_window_days = 60
    booking_settings.save()


def test_contract_shape(client, procedure, counter, travel_to):
    travel_to(local(2027, 2, 26, 10, 0))  # the Friday before
    response = client.get(
        URL, {"procedure": "1.001612", "from": "2027-03-01", "days": 1}
    )
    assert response.status_code == 200
    assert_matches_schema(response, URL)
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert set(data) == {"procedure", "slots"}
    assert data["procedure"] == "1.001612"
    first = data["slots"][0]
    assert first == {
        "start": "2027-03-01T07:30:00+07:00",
        "end": "2027-03-01T08:00:00+07:00",
        "available": 3,
    }
    assert len(data["slots"]) == 14


def test_booked_places_are_subtracted(client, procedure, counter, travel_to):
    travel_to(local(2027, 2, 26, 10, 0))
    BookingFactory(procedure=procedure, counter=counter, start=local(2027, 3, 1, 7, 30))
    BookingFactory(
        procedure=procedure,
        counter=counter,
        start=local(2027, 3, 1, 8, 0),
        status="cancelled",
    )
    for _ in range(3):
        BookingFactory(procedure=procedure, counter=counter, start=local(2027, 3, 1, 9))
    slots = client.get(URL, {"procedure": "1.001612", "from": "2027-03-01", "days": 1})
    available = {s["start"][11:16]: s["available"] for s in slots.json()["slots"]}
    assert available["07:30"] == 2
    assert available["08:00"] == 3  # a cancelled booking frees its place
    assert "09:00" not in available  # full: not offered


def test_never_a_sunday_nor_a_day_of_tet_2027(
    client, procedure, counter, travel_to, wide_window
):
    travel_to(local(2027, 1, 20, 6, 0))
    seen = set()
    for offset in range(0, 42, 3):
        first = date(2027, 1, 20) + timedelta(days=offset)
        response = client.get(
            URL, {"procedure": "1.001612", "from": first.isoformat(), "days": 10}
        )
        assert response.status_code == 200
        days = {
            datetime.fromisoformat(slot["start"]).date()
            for slot in response.json()["slots"]
        }
        assert not [day for day in days if day.weekday() == 6], days
        assert not days & TET_2027
        seen |= days
    assert date(2027, 2, 3) in seen and date(2027, 2, 11) in seen  # either side of Tết


def test_none_in_the_past_or_inside_the_lead_time(
    client, procedure, counter, travel_to
):
    now = travel_to(local(2027, 3, 2, 10, 5))
    response = client.get(
        URL, {"procedure": "1.001612", "from": "2027-03-01", "days": 3}
    )
    starts = [datetime.fromisoformat(s["start"]) for s in response.json()["slots"]]
    assert starts and min(starts) >= now + timedelta(hours=2)
    assert starts[0] == local(2027, 3, 2, 13, 30)


def test_beyond_the_booking_window_nothing_is_offered(
    client, procedure, counter, travel_to
):
    travel_to(local(2027, 3, 1, 6, 0))
    response = client.get(
        URL, {"procedure": "1.001612", "from": "2027-06-01", "days": 7}
    )
    assert response.json() == {"procedure": "1.001612", "slots": []}


def test_unknown_procedure_is_a_json_404(client, procedure, counter):
    response = client.get(URL, {"procedure": "9.999999"})
    assert response.status_code == 404
    assert "9.999999" in response.json()["error"]


def test_a_procedure_no_counter_serves_is_a_404(client, procedure):
    assert client.get(URL, {"procedure": "1.001612"}).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"procedure": ""},
        {"procedure": "1.001612", "from": "2027-2-1"},
        {"procedure": "1.001612", "from": "20270201"},
        {"procedure": "1.001612", "from": "2027-02-30"},
        {"procedure": "1.001612", "from": "0001-01-01"},
        {"procedure": "1.001612", "from": "tomorrow"},
        {"procedure": "1.001612", "days": "0"},
        {"procedure": "1.001612", "days": "63"},
        {"procedure": "1.001612", "days": "-1"},
        {"procedure": "1.001612", "days": "1e3"},
        {"procedure": "1.001612", "days": "７"},
        {"procedure": "1.001612", "days": "99999999999999999999"},
        {"procedure": "x" * 40},
        {"procedure": "1.001612\x00"},
        {"procedure": "<script>"},
    ],
)
def test_bad_parameters_are_a_json_400(client, procedure, counter, params):
    response = client.get(URL, params)
    assert response.status_code == 400, params
    assert response.json()["error"]


def test_errors_speak_the_visitors_language(client, procedure, counter):
    vi = client.get(
        URL, {"procedure": "1.001612", "days": "0"}, HTTP_ACCEPT_LANGUAGE="vi"
    )
    en = client.get(
        URL, {"procedure": "1.001612", "days": "0"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert vi.json()["error"] != en.json()["error"]
    assert "days" in en.json()["error"]


def test_cache_headers(client, procedure, counter):
    ok = client.get(URL, {"procedure": "1.001612"})
    assert ok["Cache-Control"] == "public, max-age=15"
    bad = client.get(URL, {"procedure": "1.001612", "days": "x"})
    assert bad["Cache-Control"] == "no-store"


def test_the_api_is_rate_limited(client, procedure, counter, settings):
    settings.RATE_LIMITS = {"appointments_api": "3/3600"}
    answers = [client.get(URL, {"procedure": "1.001612"}).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert client.get(URL, {"procedure": "1.001612"}).json()["error"]
