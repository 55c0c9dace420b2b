"""A fixed-window rate limiter on Django's cache (no extra service).

Counts requests per client and scope in the current window; once the limit is
passed the caller answers HTTP 429 with a Retry-After header.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext as _

from portal.http import too_many_requests


@dataclass(frozen=True)
class RateLimit:
    """`limit` requests per `window` seconds."""

    limit: int
    window: int

    @classmethod
    def parse(cls, value: str) -> RateLimit:
        """Read "20/600" (20 requests per 600 seconds)."""
        limit, window = value.split("/")
        return cls(int(limit), int(window))


def client_id(request) -> str:
    """The client's address; X-Forwarded-For only behind a trusted proxy (setting)."""
    if getattr(settings, "DOSSIER_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def hit(request, scope: str, rate: RateLimit) -> tuple[bool, int]:
    """Count one request. Returns (allowed, seconds until the window resets)."""
    now = int(time.time())
    window_start = now - now % rate.window
    key = f"ratelimit:{scope}:{client_id(request)}:{window_start}"
    retry_after = window_start + rate.window - now
    if cache.add(key, 1, timeout=rate.window + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:
            # Expired between add and incr: this request opens a new window.
            cache.set(key, 1, timeout=rate.window + 5)
            count = 1
    return count <= rate.limit, retry_after


def tracking_rate() -> RateLimit:
    return RateLimit.parse(getattr(settings, "DOSSIER_TRACKING_RATE_LIMIT", "30/600"))


def tracking_limit(request, *, json: bool = False) -> HttpResponse | None:
    """Count one dossier lookup (tracking page, status API, supplement, rating).

    All lookups share one budget, so codes cannot be guessed through any of
    them. Returns the 429 answer once the budget is spent, else None.
    """
    allowed, retry_after = hit(request, "track", tracking_rate())
    if allowed:
        return None
    return too_many_requests(
        request,
        retry_after,
        template="dossiers/too_many.html",
        json_error=_("Too many lookups. Try again later.") if json else None,
    )
