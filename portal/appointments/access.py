"""Who may see and change a booking on the public site: the browser that made
it, or one that has just given its booking code and verification code.

The verification code travels only in the body of a POST and is kept in the
session, never in a URL: a secret in a URL ends up in server logs, browser
history and Referer headers. Access lapses after an hour, so a shared
computer does not keep showing somebody's booking.
"""

from __future__ import annotations

import hmac
from datetime import timedelta

from django.http import HttpRequest

from portal.security.grants import SessionGrants

from .models import Booking

# An hour: long enough to change or cancel, short for a shared computer.
GRANTS = SessionGrants("appointments_access", timedelta(hours=1), keep=10)


def grant(request: HttpRequest, booking: Booking) -> None:
    """This browser made the booking or gave its verification code."""
    GRANTS.grant(request, booking.code)


def granted_booking(request: HttpRequest, code: str) -> Booking | None:
    """The booking `code` when this browser may see it, else None."""
    if not GRANTS.holds(request, code or ""):
        return None
    return (
        Booking.objects.select_related("counter__group", "procedure", "sector")
        .filter(code=code)
        .first()
    )


def verified_booking(code: str, verify: str) -> Booking | None:
    """The booking when both codes match; the same work for a wrong code as
    for an unknown booking, so neither can be probed alone."""
    booking = Booking.objects.filter(code=code).first() if code else None
    expected = booking.verification_code.upper() if booking else "X" * 8
    matches = hmac.compare_digest(expected, (verify or "").upper())
    return booking if booking is not None and matches else None
