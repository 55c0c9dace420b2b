"""At the centre: the kiosk, the queue order and the "now serving" board."""

import pytest
from django.test import override_settings

from portal.appointments.models import Ticket, TicketStatus
from portal.appointments.queue import (
    board,
    call_again,
    call_next,
    issue_ticket,
    mark_absent,
)
from portal.appointments.services import check_in
from tests.api.openapi import assert_matches_schema
from tests.factories.appointments import BookingFactory, CounterFactory

from .conftest import local

KIOSK = "/vi/lay-so/"
BOARD_API = "/api/appointments/board/"


def test_the_kiosk_gives_a_number_per_group(client, counter, travel_to):
    travel_to(local(2027, 3, 1, 8, 0))
    page = client.get(KIOSK)
    assert 'value="C"' in page.content.decode()
    first = client.post(KIOSK, {"group": "C"})
    assert first["Location"] == "/vi/lay-so/C001/"
    client.post(KIOSK, {"group": "C"})
    ticket_page = client.get("/vi/lay-so/C002/")
    html = ticket_page.content.decode()
    assert "C002" in html and "1" in html
    assert Ticket.objects.count() == 2
    assert (
        client.post(KIOSK, {"group": "Z"}).status_code == 200
    )  # unknown: the page again
    assert Ticket.objects.count() == 2


def test_yesterdays_number_is_not_shown(client, counter, travel_to):
    travel_to(local(2027, 3, 1, 8, 0))
    client.post(KIOSK, {"group": "C"})
    travel_to(local(2027, 3, 2, 8, 0))
    assert client.get("/vi/lay-so/C001/").status_code == 404


@override_settings(APPOINTMENT_KIOSK_NETWORKS=["10.20.0.0/24"])
def test_the_kiosk_only_in_the_hall_when_networks_are_set(client, counter):
    assert client.get(KIOSK, REMOTE_ADDR="203.0.113.9").status_code == 403
    assert (
        client.post(KIOSK, {"group": "C"}, REMOTE_ADDR="203.0.113.9").status_code == 403
    )
    assert client.get(KIOSK, REMOTE_ADDR="10.20.0.31").status_code == 200
    assert not Ticket.objects.exists()


def test_booked_visitors_go_first_once_their_time_has_come(
    procedure, counter, travel_to
):
    travel_to(local(2027, 3, 1, 8, 50))
    walk_in = issue_ticket(counter.group)
    early = BookingFactory(
        procedure=procedure, counter=counter, start=local(2027, 3, 1, 10)
    )
    due = BookingFactory(
        procedure=procedure, counter=counter, start=local(2027, 3, 1, 9)
    )
    early_ticket = check_in(early)
    due_ticket = check_in(due)
    travel_to(local(2027, 3, 1, 9, 0))
    assert call_next(counter).pk == due_ticket.pk  # booked, and 9:00 has come
    assert call_next(counter).pk == walk_in.pk  # then arrival order
    assert call_next(counter).pk == early_ticket.pk
    assert call_next(counter) is None  # nobody left; the last one is served
    assert Ticket.objects.filter(status=TicketStatus.DONE).count() == 3


def test_call_again_and_not_present(counter, travel_to):
    travel_to(local(2027, 3, 1, 9, 0))
    issue_ticket(counter.group)
    ticket = call_next(counter)
    travel_to(local(2027, 3, 1, 9, 2))
    again = call_again(counter)
    assert again.pk == ticket.pk and again.calls == 2
    assert again.called_at == local(2027, 3, 1, 9, 0)  # the wait ends at the first call
    assert mark_absent(counter).status == TicketStatus.ABSENT


def test_board_json_shows_the_current_number_per_counter(client, counter, travel_to):
    travel_to(local(2027, 3, 1, 9, 0))
    other = CounterFactory(number="7", group=counter.group, name="Công an")
    for _ in range(3):
        issue_ticket(counter.group)
    call_next(counter)
    call_next(other)
    response = client.get(BOARD_API, {"locale": "en"})
    assert_matches_schema(response, BOARD_API)
    data = response.json()
    assert response["Cache-Control"] == "public, max-age=1"
    rows = {row["counter"]: row for row in data["counters"]}
    assert rows["6"]["ticket"] == "C001" and rows["7"]["ticket"] == "C002"
    assert rows["7"]["called_at"] == "2027-03-01T09:00:00+07:00"
    assert rows["7"]["name"] == "Counter 7"  # the English name
    assert data["groups"] == [{"letter": "C", "name": "Group C", "waiting": 1}]


def test_board_page_works_without_javascript(client, counter, travel_to):
    travel_to(local(2027, 3, 1, 9, 0))
    issue_ticket(counter.group)
    call_next(counter)
    html = client.get("/vi/bang-goi-so/").content.decode()
    assert "C001" in html
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in html
    assert "<script>" not in html and " on" + "click=" not in html  # CSP-ready
    assert 'src="/static/js/board.js"' in html


@pytest.mark.parametrize("locale", ["", "xx", "vi", "en"])
def test_board_api_never_fails(client, counter, locale):
    assert client.get(BOARD_API, {"locale": locale}).status_code == 200


def test_board_api_refuses_control_characters_in_json(client, counter):
    response = client.get(BOARD_API, {"locale": "\x00"})
    assert response.status_code == 400 and response.json()["error"]


def test_board_queries_do_not_grow_with_counters(
    client, counter, travel_to, django_assert_max_num_queries
):
    travel_to(local(2027, 3, 1, 9, 0))
    for number in range(10, 20):
        extra = CounterFactory(number=str(number), group=counter.group)
        issue_ticket(counter.group)
        call_next(extra)
    with django_assert_max_num_queries(4):
        state = board()
    assert len(state["counters"]) == 11
