"""Figures on visits: bookings per day, counter and sector, no-show rate and
average wait, on the statistics page and in /api/statistics/, with their
definitions."""

from datetime import timedelta

import pytest

from portal.appointments.figures import visit_figures
from portal.appointments.models import Ticket, TicketStatus
from tests.factories.appointments import BookingFactory, CounterFactory

from .conftest import local


@pytest.fixture
def visits(procedure, counter, travel_to):
    """Four bookings on 1 March (checked in, no-show, never came, cancelled),
    one checked in on 2 March, one still to come on 4 March, and two numbers
    called after 10 and 20 minutes."""
    travel_to(local(2027, 3, 3, 9, 0))
    day = local(2027, 3, 1, 9, 0)
    came = BookingFactory(
        procedure=procedure, counter=counter, start=day, status="checked_in"
    )
    BookingFactory(procedure=procedure, counter=counter, start=day, status="no_show")
    BookingFactory(procedure=procedure, counter=counter, start=day)  # never came
    BookingFactory(procedure=procedure, counter=counter, start=day, status="cancelled")
    BookingFactory(
        procedure=procedure,
        counter=counter,
        start=local(2027, 3, 2, 8),
        status="checked_in",
    )
    BookingFactory(procedure=procedure, counter=counter, start=local(2027, 3, 4, 8))
    for number, (wait, booking) in enumerate([(10, came), (20, None)], start=1):
        Ticket.objects.create(
            group=counter.group,
            day=day.date(),
            number=number,
            booking=booking,
            status=TicketStatus.DONE,
            issued_at=day,
            called_at=day + timedelta(minutes=wait),
            last_called_at=day + timedelta(minutes=wait),
            counter=counter,
        )


def test_definitions_and_totals(visits):
    figures = visit_figures(local(2027, 3, 1, 0, 0), local(2027, 4, 1, 0, 0))
    total = figures.total
    assert total.bookings == 5  # the cancelled one is left out
    assert total.visits_over == 4  # 4 March is still to come
    assert total.no_shows == 2  # marked, and never checked in
    assert total.no_show_rate == 50.0
    assert total.called == 2 and total.average_wait_minutes == 15.0
    assert [(row.key, row.bookings) for row in figures.by_day] == [
        ("2027-03-01", 3),
        ("2027-03-02", 1),
        ("2027-03-04", 1),
    ]
    assert [row.bookings for row in figures.by_counter] == [5]
    assert figures.by_sector[0].label == "Lý lịch tư pháp"


def test_a_counter_without_visits_is_left_out(visits):
    CounterFactory(number="12")
    figures = visit_figures(local(2027, 3, 1, 0, 0), local(2027, 4, 1, 0, 0))
    assert [row.label for row in figures.by_counter] == ["6 – Sở Tư pháp"]


def test_statistics_api_carries_the_visit_figures(client, visits):
    data = client.get("/api/statistics/", {"from": "2027-03", "to": "2027-03"}).json()
    visits = data["appointments"]
    assert set(visits["definitions"]) == {
        "bookings",
        "no_show_rate",
        "average_wait_minutes",
    }
    assert visits["total"]["no_show_rate"] == 50.0
    assert visits["total"]["average_wait_minutes"] == 15.0
    assert visits["by_day"][0] == {"date": "2027-03-01", "bookings": 3}
    assert visits["by_counter"][0]["bookings"] == 5
    assert visits["by_sector"][0]["label"] == "Lý lịch tư pháp"


@pytest.mark.smoke
def test_statistics_page_shows_them_with_definitions(client, visits):
    html = client.get("/en/thong-ke/", {"from": "2027-03", "to": "2027-03"}).content
    html = html.decode()
    assert "Visits to the centre" in html
    assert "50%" in html and "15 min" in html
    assert "first call to a counter" in html  # the definition is printed
    assert "<svg" in html.split("Visits to the centre")[1]
