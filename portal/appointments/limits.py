"""Rate limits of the booking pages, the kiosk and the slots API, on the
project's limiter (`portal.dossiers.ratelimit`, answered by
`portal.http.too_many_requests`).

Each scope is a budget per client address: "N/SECONDS".
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from portal.dossiers.ratelimit import RateLimit, hit
from portal.http import too_many_requests

RATES = {
    # Bookings made (successful or not): a family books a few visits at most.
    "appointments_book": "10/3600",
    # Booking code + verification code lookups (cancel, move): guessing them
    # must be slow.
    "appointments_manage": "20/600",
    # Queue numbers from the kiosk: one kiosk serves a busy hall.
    "appointments_kiosk": "300/3600",
    # The slots API (the calendar widget asks once per page).
    "appointments_api": "120/60",
}


def check_rate(
    request: HttpRequest, scope: str, *, json: bool = False
) -> HttpResponse | None:
    """Count this request; the 429 answer once the scope's budget is spent."""
    allowed, retry_after = hit(request, scope, RateLimit.parse(RATES[scope]))
    if allowed:
        return None
    return too_many_requests(
        request,
        retry_after,
        template="appointments/too_many.html",
        json_error=_("Too many requests. Try again later.") if json else None,
    )
