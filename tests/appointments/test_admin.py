"""The counter screens in the admin: who sees which counters, check-in by
code or scanned QR code, no-shows, calling numbers; counters kept as
snippets by centre staff."""

import pytest
from django.urls import reverse

from portal.appointments.details import check_in_url
from portal.appointments.models import BookingStatus, Ticket, TicketStatus
from portal.appointments.queue import issue_ticket
from tests.factories.appointments import BookingFactory, CounterFactory
from tests.factories.backoffice import make_centre_staff, make_editor, make_official

from .conftest import local

TODAY = "/admin/lich-hen/"
CHECK_IN = "/admin/lich-hen/diem-danh/"
CALLING = "/admin/goi-so/"


@pytest.fixture
def staff(backoffice_groups, counter):
    from django.apps import apps

    from portal.appointments.migrations._groups import grant

    grant(apps, None)
    return make_centre_staff()


@pytest.fixture
def other_counter(db):
    from tests.factories.catalogue import AgencyFactory

    return CounterFactory(number="9", agencies=[AgencyFactory(name="Sở Y tế")])


@pytest.fixture
def booking(procedure, counter, travel_to):
    travel_to(local(2027, 3, 1, 9, 5))
    return BookingFactory(
        procedure=procedure, counter=counter, start=local(2027, 3, 1, 9)
    )


def test_centre_staff_see_todays_bookings_per_counter(
    client, staff, booking, other_counter
):
    client.force_login(staff)
    html = client.get(TODAY).content.decode()
    assert booking.code in html and booking.name in html
    assert "Sở Tư pháp" in html and other_counter.name in html


def test_an_official_sees_only_the_counters_of_their_agency(
    client, staff, booking, agency, other_counter
):
    official = make_official(agency)
    client.force_login(official)
    html = client.get(TODAY).content.decode()
    assert booking.code in html and other_counter.name not in html
    client.force_login(make_official(other_counter.agencies.get()))
    assert booking.code not in client.get(TODAY).content.decode()
    # Wagtail answers a PermissionDenied with a redirect and a message.
    response = client.post(CHECK_IN, {"booking": booking.pk})
    assert response.status_code in (302, 403)
    assert response.get("Location", "/admin/") == "/admin/"
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_editors_and_visitors_have_no_counter_screens(client, staff, booking):
    client.force_login(make_editor())
    assert client.get(TODAY).status_code in (302, 403)
    assert client.get(CALLING).status_code in (302, 403)
    client.logout()
    assert client.get(TODAY).status_code == 302  # to the login page


def test_check_in_by_scanned_qr_code(client, staff, booking):
    client.force_login(staff)
    # A scanner types what the QR code holds: the whole check-in link.
    page = client.get(CHECK_IN, {"code": check_in_url(booking)})
    assert booking.name in page.content.decode()
    response = client.post(CHECK_IN, {"booking": booking.pk}, follow=True)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CHECKED_IN and booking.handled_by == staff
    ticket = Ticket.objects.get(booking=booking)
    assert ticket.label == "C001" and ticket.status == TicketStatus.WAITING
    assert "C001" in response.content.decode()


@pytest.mark.parametrize("typed", ["lh-{body}", "LH{body}", " LH-{body} "])
def test_check_in_by_typed_code(client, staff, booking, typed):
    client.force_login(staff)
    body = booking.code[3:]
    page = client.get(CHECK_IN, {"code": typed.format(body=body.lower())})
    assert booking.name in page.content.decode()


def test_a_booking_of_another_day_is_not_checked_in(
    client, staff, procedure, counter, travel_to
):
    travel_to(local(2027, 3, 1, 9, 5))
    later = BookingFactory(
        procedure=procedure, counter=counter, start=local(2027, 3, 2, 9)
    )
    client.force_login(staff)
    page = client.get(CHECK_IN, {"code": later.code}).content.decode()
    assert "02/03/2027" in page
    client.post(CHECK_IN, {"booking": later.pk})
    later.refresh_from_db()
    assert later.status == BookingStatus.BOOKED


def test_no_show(client, staff, booking):
    client.force_login(staff)
    client.post(reverse("appointments_desk:no_show", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.NO_SHOW


def test_calling_console(client, staff, counter, travel_to):
    travel_to(local(2027, 3, 1, 9, 0))
    issue_ticket(counter.group)
    client.force_login(staff)
    page = client.get(CALLING).content.decode()
    assert "Sở Tư pháp" in page
    client.post(reverse("appointments_calling:call", args=[counter.pk, "next"]))
    ticket = Ticket.objects.get()
    assert ticket.status == TicketStatus.CALLED and ticket.counter == counter
    assert ticket.called_by == staff
    assert "C001" in client.get(CALLING).content.decode()
    unknown = client.post(
        reverse("appointments_calling:call", args=[counter.pk, "explode"])
    )
    assert unknown.status_code in (302, 404)  # Django sends admin 404s to /vi/…
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CALLED


def test_centre_staff_keep_the_counters(client, staff, counter):
    client.force_login(staff)
    listing = client.get("/admin/snippets/appointments/counter/")
    assert listing.status_code == 200 and "Sở Tư pháp" in listing.content.decode()
    edit = client.get(f"/admin/snippets/appointments/counter/edit/{counter.pk}/")
    assert edit.status_code == 200


def test_the_admin_menu_shows_the_counter_screens(client, staff):
    client.force_login(staff)
    html = client.get("/admin/").content.decode()
    assert TODAY in html and CALLING in html
