"""No overbooking, ever: 50 parallel bookings of a slot with 3 places on
PostgreSQL. Exactly 3 succeed; the others are told the time has just been
taken and are offered the next free times. Also: two counters calling at the
same moment never get the same visitor, and two kiosks never print the same
number."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from portal.appointments.models import Booking, Ticket, TicketStatus
from portal.appointments.queue import call_next, issue_ticket
from tests.factories.appointments import CounterFactory

from .conftest import local

PARALLEL = 50
BOOK = "/vi/dat-lich/thu-tuc/1.001612/"

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_together(count: int, work) -> tuple[list, list]:
    """Run `work(index)` in `count` threads released at the same moment."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(index):
        try:
            barrier.wait(timeout=60)
            results[index] = work(index)
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def test_fifty_parallel_bookings_of_three_places(
    procedure, counter, travel_to, settings
):
    assert connection.vendor == "postgresql", "this test proves locking on PostgreSQL"
    # Every test client comes from 127.0.0.1: one budget for all of them.
    settings.RATE_LIMITS = {"appointments_book": f"{PARALLEL}/60"}
    travel_to(local(2027, 2, 26, 10, 0))
    clients = [Client() for _ in range(PARALLEL)]

    def book(index):
        response = clients[index].post(
            BOOK,
            {
                "day": "2027-03-01",
                "slot": "2027-03-01T09:00",
                "name": f"Người thứ {index}",
                "phone": f"09123{index:05d}",
            },
        )
        return response.status_code, response.content.decode()

    results, errors = run_together(PARALLEL, book)
    assert not errors, errors
    statuses = [status for status, _html in results]
    assert statuses.count(302) == 3, statuses
    assert statuses.count(200) == PARALLEL - 3
    assert Booking.objects.filter(start=local(2027, 3, 1, 9, 0)).count() == 3
    for status, html in results:
        if status == 200:
            assert "has just been taken" in html or "vừa có người đặt" in html
            # The next free times are offered.
            assert 'value="2027-03-01T09:30"' in html


def test_two_counters_calling_at_once_get_different_visitors(counter, travel_to):
    travel_to(local(2027, 3, 1, 9, 0))
    other = CounterFactory(number="7", group=counter.group)
    for _ in range(6):
        issue_ticket(counter.group)
    counters = [counter, other] * 3

    results, errors = run_together(6, lambda index: call_next(counters[index]))
    assert not errors, errors
    called = [ticket.number for ticket in results if ticket is not None]
    assert len(called) == len(set(called))
    assert Ticket.objects.filter(status=TicketStatus.WAITING).count() + len(called) == 6


def test_parallel_kiosks_print_distinct_numbers(counter, travel_to):
    travel_to(local(2027, 3, 1, 9, 0))
    results, errors = run_together(10, lambda index: issue_ticket(counter.group).number)
    assert not errors, errors
    assert sorted(results) == list(range(1, 11))
