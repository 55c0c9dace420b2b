"""Who may see and change a booking on the public site: the browser that made
it, or one that has just given its booking code and verification code.

The verification code travels only in the body of a POST and is kept in the
session, never in a URL: a secret in a URL ends up in server logs, browser
history and Referer headers. Access lapses after an hour, so a shared
computer does not keep showing somebody's booking.
"""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta

from django.http import HttpRequest
from django.utils import timezone

from .models import Booking

SESSION_KEY = "appointments_access"
ACCESS_FOR = timedelta(hours=1)
KEEP = 10


def _entries(request: HttpRequest) -> dict[str, str]:
    entries = request.session.get(SESSION_KEY)
    return entries if isinstance(entries, dict) else {}


def _fresh(when: str, now: datetime) -> bool:
    try:
        return now - datetime.fromisoformat(when) < ACCESS_FOR
    except (TypeError, ValueError):
        return False


def grant(request: HttpRequest, booking: Booking) -> None:
    """This browser made the booking or gave its verification code."""
    now = timezone.now()
    entries = {
        code: when
        for code, when in _entries(request).items()
        if code != booking.code and _fresh(when, now)
    }
    entries[booking.code] = now.isoformat()
    request.session[SESSION_KEY] = dict(list(entries.items())[-KEEP:])


def granted_booking(request: HttpRequest, code: str) -> Booking | None:
    """The booking `code` when this browser may see it, else None."""
    when = _entries(request).get(code or "")
    if when is None or not _fresh(when, timezone.now()):
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
