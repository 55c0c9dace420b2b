"""Booking a visit through the pages: day, time and contact, the confirmation
(code, QR code, calendar file, documents, counter), the limits (one active
booking per procedure per phone or e-mail, honeypot, rate limit) and a full
slot answered with the next free ones."""

import re

import pytest
from django.core import mail
from django.test import Client

from portal.appointments.models import Booking, BookingStatus
from portal.frontend_cache import SITE_WIDE_PATTERN
from tests.factories.appointments import BookingFactory
from tests.factories.catalogue import AgencyFactory
from tests.front_cache import front_cache  # noqa: F401 - a fixture

from .conftest import local

BOOK = "/vi/dat-lich/thu-tuc/1.001612/"
FRIDAY = (2027, 2, 26, 10, 0)  # the Friday before Monday 1 March 2027


def post_booking(client, slot="2027-03-01T07:30", **data):
    fields = {
        "day": slot[:10],
        "slot": slot,
        "name": "Nguyễn  Thị Hồng Nhung ",
        "phone": "0912 345 678",
        "email": "Nhung@Example.vn",
        "website": "",
    }
    fields.update(data)
    return client.post(BOOK, fields)


@pytest.fixture
def friday(travel_to):
    return travel_to(local(*FRIDAY))


def test_the_procedure_page_links_to_booking(client, procedure, counter):
    html = client.get(procedure.url).content.decode()
    assert 'href="/vi/dat-lich/thu-tuc/1.001612/"' in html
    assert "Book a visit" in html or "Đặt lịch hẹn" in html


def test_no_link_when_no_counter_serves_the_procedure(client, procedure):
    assert "/dat-lich/thu-tuc/" not in client.get(procedure.url).content.decode()
    assert client.get(BOOK).status_code == 404


def test_the_booking_page_works_without_javascript(client, procedure, counter, friday):
    page = client.get(BOOK, {"day": "2027-03-01"})
    html = page.content.decode()
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert "no-store" in page["Cache-Control"]
    assert 'value="2027-03-01"' in html and 'aria-current="date"' in html
    assert html.count('name="slot"') == 14
    assert 'value="2027-03-01T07:30"' in html
    # Days with free places only: not the weekend.
    assert 'value="2027-02-27"' not in html and 'value="2027-02-28"' not in html


@pytest.mark.smoke
def test_a_citizen_books_and_sees_the_confirmation(
    client, procedure, counter, friday, django_capture_on_commit_callbacks
):
    # The e-mail is a task queued when the booking's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = post_booking(client)
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert response["Location"] == f"/vi/dat-lich/{booking.code}/"
    assert re.fullmatch(r"LH-[A-Z2-9]{6}", booking.code)
    assert booking.name == "Nguyễn Thị Hồng Nhung"
    assert booking.phone == "0912345678" and booking.email == "nhung@example.vn"
    assert booking.start == local(2027, 3, 1, 7, 30)
    assert booking.counter == counter and booking.status == BookingStatus.BOOKED
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
    assert booking.code in html and booking.verification_code in html
    assert "<svg" in html  # the QR code
    assert "Tờ khai số 3" in html  # what to bring: the procedure's documents
    assert "Tầng 1" in html  # where the counter is
    assert f"/vi/dat-lich/{booking.code}/lich-hen.ics" in html
    # The confirmation e-mail, with the calendar file attached.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nhung@example.vn"]
    assert booking.verification_code in message.body
    assert f"/vi/dat-lich/quan-ly/?code={booking.code}" in message.body
    name, content, mimetype = message.attachments[0]
    assert name == f"{booking.code}.ics" and mimetype.startswith("text/calendar")
    assert "DTSTART:20270301T003000Z" in content


def test_the_calendar_file(client, procedure, counter, friday):
    code = post_booking(client)["Location"].split("/")[3]
    response = client.get(f"/vi/dat-lich/{code}/lich-hen.ics")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20270301T003000Z\r\n" in text
    assert "DTEND:20270301T010000Z\r\n" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert Client().get(f"/vi/dat-lich/{code}/lich-hen.ics").status_code == 404


def test_another_browser_cannot_see_the_booking(client, procedure, counter, friday):
    location = post_booking(client)["Location"]
    other = Client().get(location)
    assert other.status_code == 302
    assert other["Location"].startswith("/vi/dat-lich/quan-ly/?code=LH-")


def test_english_booking(
    client, procedure, counter, friday, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/dat-lich/thu-tuc/1.001612/",
            {
                "slot": "2027-03-01T08:00",
                "name": "Jane Doe",
                "email": "jane@example.com",
            },
        )
    booking = Booking.objects.get()
    assert response["Location"] == f"/en/dat-lich/{booking.code}/"
    assert booking.language == "en" and booking.phone == ""
    assert "Visit booked" in mail.outbox[0].subject


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": ""}, "name", "Enter your full name."),
        ({"phone": "", "email": ""}, "phone", "mobile phone number or an e-mail"),
        ({"phone": "12345"}, "phone", "Vietnamese mobile number"),
        ({"email": "not-an-address"}, "email", "e-mail address like"),
        ({"slot": ""}, "slot", "Choose a time"),
        ({"slot": "2027-03-01 07:30"}, "slot", "Choose a time"),
    ],
)
def test_errors_are_summarised_and_nothing_typed_is_lost(
    client, procedure, counter, friday, data, field, message
):
    response = client.post(
        "/en/dat-lich/thu-tuc/1.001612/",
        {
            "day": "2027-03-01",
            "slot": "2027-03-01T07:30",
            "name": "Jane Doe",
            "phone": "0912345678",
            "email": "jane@example.com",
            **data,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Booking.objects.exists()
    assert 'class="error-summary"' in html and message in html
    assert f'href="#id_{field}' in html
    for name, value in {"name": "Jane Doe", "email": "jane@example.com"}.items():
        if name not in data:
            assert f'value="{value}"' in html


def test_a_time_that_cannot_be_booked_any_more(client, procedure, counter, friday):
    response = post_booking(client, slot="2027-02-26T10:30")  # inside the lead time
    assert response.status_code == 200 and not Booking.objects.exists()
    assert "cannot be booked" in response.content.decode() or "không" in (
        response.content.decode()
    )


def test_one_active_booking_per_procedure_per_phone_or_email(
    client, procedure, counter, friday
):
    assert post_booking(client).status_code == 302
    again = post_booking(Client(), slot="2027-03-02T08:00", email="")
    assert again.status_code == 200
    other_phone = post_booking(Client(), slot="2027-03-02T08:00", phone="0987654321")
    assert other_phone.status_code == 200  # same e-mail address
    assert Booking.objects.count() == 1
    assert (
        post_booking(
            Client(), slot="2027-03-02T08:00", phone="0987654321", email=""
        ).status_code
        == 302
    )


def test_a_past_unattended_booking_does_not_block_a_new_one(
    client, procedure, counter, travel_to
):
    old = BookingFactory(
        procedure=procedure,
        counter=counter,
        start=local(2027, 2, 1, 8, 0),
        phone="0912345678",
    )
    travel_to(local(*FRIDAY))
    assert post_booking(client).status_code == 302
    old.refresh_from_db()
    assert old.status == BookingStatus.NO_SHOW


def test_the_honeypot_stops_bots(client, procedure, counter, friday):
    response = post_booking(client, website="http://spam.example")
    assert response.status_code == 200 and not Booking.objects.exists()


def test_booking_is_rate_limited(client, procedure, counter, friday, settings):
    settings.RATE_LIMITS = {"appointments_book": "2/3600"}
    post_booking(client, name="")
    post_booking(client, name="")
    refused = post_booking(client)
    assert refused.status_code == 429 and refused["Retry-After"]
    assert not Booking.objects.exists()


def test_a_full_slot_offers_the_next_free_times(client, procedure, counter, friday):
    for _ in range(3):
        BookingFactory(
            procedure=procedure, counter=counter, start=local(2027, 3, 1, 7, 30)
        )
    response = post_booking(client)
    html = response.content.decode()
    assert response.status_code == 200
    assert Booking.objects.count() == 3
    assert "error-summary" in html
    # The nearest free times are offered, and can be chosen right there.
    assert 'value="2027-03-01T08:00"' in html
    assert "08:00" in html.split('class="alternatives"')[1][:600]


def test_front_cache_headers(client, procedure, counter, friday):
    """The procedure finder is the same for everyone; the booking pages never."""
    finder = client.get("/vi/dat-lich/", {"q": "lý lịch"})
    assert "s-maxage" in finder["Cache-Control"] and "public" in finder["Cache-Control"]
    booking_page = client.get(BOOK)
    assert "no-store" in booking_page["Cache-Control"]
    kiosk = client.get("/vi/lay-so/")
    assert "no-store" in kiosk["Cache-Control"]


def test_a_counter_edit_drops_the_cached_pages(
    procedure,
    counter,
    front_cache,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
):
    """Procedure pages show "Book a visit" while an open counter serves them,
    and the finder lists them: closing a counter bans every cached page."""
    with django_capture_on_commit_callbacks(execute=True):
        counter.accepts_bookings = False
        counter.save()
    assert front_cache.bans == [SITE_WIDE_PATTERN]
    # A counter given another agency books other procedures: its many-to-many
    # field changes without the counter being saved.
    other = AgencyFactory(name="Sở Xây dựng")
    front_cache.bans.clear()
    with django_capture_on_commit_callbacks(execute=True):
        counter.agencies.add(other)
    assert front_cache.bans == [SITE_WIDE_PATTERN]
