"""Changing a booking: booking code + verification code (POST only, never in
a URL), then cancel or move; the place is free again at once."""

import pytest
from django.core import mail
from django.test import Client

from portal.appointments.models import Booking, BookingStatus
from tests.factories.appointments import BookingFactory

from .conftest import local

MANAGE = "/vi/dat-lich/quan-ly/"


@pytest.fixture
def booking(procedure, counter, travel_to):
    travel_to(local(2027, 2, 26, 10, 0))
    return BookingFactory(
        procedure=procedure,
        counter=counter,
        start=local(2027, 3, 1, 9),
        email="an@example.vn",
    )


def verify(client, booking, code=None):
    return client.post(
        MANAGE,
        {"code": code or booking.code, "verify": booking.verification_code.lower()},
    )


def test_the_link_carries_the_booking_code_only(client, booking):
    page = client.get(MANAGE, {"code": booking.code})
    html = page.content.decode()
    assert f'value="{booking.code}"' in html
    assert booking.verification_code not in html
    assert 'method="post"' in html
    assert page["Referrer-Policy"] == "same-origin"


def test_wrong_codes_find_nothing(client, booking):
    wrong = client.post(MANAGE, {"code": booking.code, "verify": "ABCDEFGH"})
    assert wrong.status_code == 200
    assert "No booking matches" in wrong.content.decode() or "Không" in (
        wrong.content.decode()
    )
    unknown = client.post(MANAGE, {"code": "LH-ZZZZZZ", "verify": "ABCDEFGH"})
    assert unknown.content.decode().count("notice--warning") == 1


def test_verify_then_cancel(
    client, booking, counter, django_capture_on_commit_callbacks
):
    response = verify(client, booking)
    assert response["Location"] == f"/vi/dat-lich/{booking.code}/"
    assert booking.verification_code not in response["Location"]
    confirm = client.get(f"/vi/dat-lich/{booking.code}/huy/")
    assert confirm.status_code == 200 and 'method="post"' in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/vi/dat-lich/{booking.code}/huy/")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert "cancelled" in mail.outbox[-1].subject.lower() or "hủy" in (
        mail.outbox[-1].subject.lower()
    )
    # The place is free again.
    slots = (
        Client()
        .get(
            "/api/appointments/slots/",
            {"procedure": "1.001612", "from": "2027-03-01", "days": 1},
        )
        .json()["slots"]
    )
    assert {"start": "2027-03-01T09:00:00+07:00"}.items() <= slots[3].items()
    assert slots[3]["available"] == 3


def test_verify_then_move(client, booking, django_capture_on_commit_callbacks):
    verify(client, booking)
    page = client.get(f"/vi/dat-lich/{booking.code}/doi-lich/", {"day": "2027-03-02"})
    assert 'value="2027-03-02T08:00"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/vi/dat-lich/{booking.code}/doi-lich/", {"slot": "2027-03-02T08:00"}
        )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.start == local(2027, 3, 2, 8) and booking.status == "booked"
    assert "2027" in mail.outbox[-1].subject or "02/03" in mail.outbox[-1].subject


def test_moving_to_a_full_slot_is_refused(client, booking, procedure, counter):
    for _ in range(3):
        BookingFactory(procedure=procedure, counter=counter, start=local(2027, 3, 2, 8))
    verify(client, booking)
    response = client.post(
        f"/vi/dat-lich/{booking.code}/doi-lich/", {"slot": "2027-03-02T08:00"}
    )
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    booking.refresh_from_db()
    assert booking.start == local(2027, 3, 1, 9)


def test_without_verification_nothing_can_be_changed(booking):
    other = Client()
    assert other.post(f"/vi/dat-lich/{booking.code}/huy/").status_code == 302
    assert (
        other.post(
            f"/vi/dat-lich/{booking.code}/doi-lich/", {"slot": "2027-03-02T08:00"}
        ).status_code
        == 302
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED and booking.start == local(
        2027, 3, 1, 9
    )


def test_a_past_booking_cannot_be_changed(client, booking, travel_to):
    verify(client, booking)
    travel_to(local(2027, 3, 1, 9, 30))
    client.post(f"/vi/dat-lich/{booking.code}/huy/")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_lookups_are_rate_limited(client, booking, settings):
    settings.RATE_LIMITS = {"appointments_manage": "3/600"}
    for _ in range(3):
        client.post(MANAGE, {"code": booking.code, "verify": "WRONG123"})
    assert verify(client, booking).status_code == 429
    assert Booking.objects.get().status == BookingStatus.BOOKED
