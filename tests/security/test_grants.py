"""Session grants: what a browser proved it may see lapses after its
lifetime, and a session keeps only the latest codes."""

from datetime import timedelta

import time_machine
from django.test import RequestFactory
from django.utils import timezone

from portal.security.grants import SessionGrants

GRANTS = SessionGrants("test_grants", timedelta(minutes=60), keep=3)


def browser():
    request = RequestFactory().get("/")
    request.session = {}
    return request


def test_a_grant_lapses_after_its_lifetime():
    request = browser()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        GRANTS.grant(request, "A")
        assert GRANTS.holds(request, "A") and not GRANTS.holds(request, "B")
    with time_machine.travel(start + timedelta(minutes=59), tick=False):
        assert GRANTS.holds(request, "A")
    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        assert not GRANTS.holds(request, "A")


def test_only_the_latest_codes_are_kept_and_lapsed_ones_dropped():
    request = browser()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        GRANTS.grant(request, "OLD")
    with time_machine.travel(start + timedelta(minutes=90), tick=False):
        for code in ("A", "B", "C", "D"):
            GRANTS.grant(request, code)
        assert list(request.session["test_grants"]) == ["B", "C", "D"]
        assert not GRANTS.holds(request, "A")


def test_what_a_tampered_session_holds_grants_nothing():
    for stored in (["A"], {"A": "not a date"}, {"A": None}, "A"):
        request = browser()
        request.session["test_grants"] = stored
        assert not GRANTS.holds(request, "A")
        assert not GRANTS.holds(request, "")
