"""Spam protection for editor-built forms that never stops a real person.

Two cheap checks: a honeypot field people never see (bots fill in every
field), and a generous per-visitor rate limit on *stored* submissions. A
person who hits the limit gets a clear message and keeps everything typed.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

HONEYPOT_FIELD = "website"

# (submissions, seconds): at most 5 stored submissions of one form per visitor
# in 10 minutes. Override with PORTAL_FORM_RATE_LIMIT in settings.
DEFAULT_RATE_LIMIT = (5, 600)


def honeypot_filled(request: HttpRequest) -> bool:
    """True when the hidden field a person never sees has been filled in."""
    return bool(request.POST.get(HONEYPOT_FIELD, "").strip())


def _visitor_key(request: HttpRequest, scope: str) -> str:
    # IP plus browser, so people behind one office NAT are counted apart.
    ip = request.META.get("REMOTE_ADDR", "")
    agent = request.META.get("HTTP_USER_AGENT", "")
    digest = hashlib.sha256(f"{ip}|{agent}".encode()).hexdigest()[:32]
    return f"form-rate:{scope}:{digest}"


def rate_limit() -> tuple[int, int]:
    """The configured (count, seconds) window."""
    return tuple(getattr(settings, "PORTAL_FORM_RATE_LIMIT", DEFAULT_RATE_LIMIT))  # type: ignore[return-value]


def submission_allowed(request: HttpRequest, scope: str) -> bool:
    """True while this visitor has stored fewer than the limit in the window."""
    limit, _window = rate_limit()
    return cache.get(_visitor_key(request, scope), 0) < limit


def record_submission(request: HttpRequest, scope: str) -> None:
    """Count one stored submission for this visitor (the window starts at the first)."""
    _limit, window = rate_limit()
    key = _visitor_key(request, scope)
    if cache.add(key, 1, timeout=window):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
