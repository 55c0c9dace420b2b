"""Rate limits of the Q&A pages, on the project's limiter
(portal.dossiers.ratelimit, answers from portal.http.too_many_requests).

- asking: ASK_RATE posts per client (a person correcting a form a few times
  never meets it; a script sending hundreds does);
- following: the same budget size as dossier tracking, counted apart, so
  reference and verification codes cannot be guessed.
"""

from __future__ import annotations

from django.http import HttpRequest

from portal.dossiers.ratelimit import RateLimit, hit, tracking_rate

ASK_RATE = RateLimit(10, 3600)


def ask_allowed(request: HttpRequest) -> tuple[bool, int]:
    """Count one posted question: (allowed, seconds until the window resets)."""
    return hit(request, "questions-ask", ASK_RATE)


def follow_allowed(request: HttpRequest) -> tuple[bool, int]:
    """Count one lookup by reference and verification code."""
    return hit(request, "questions-follow", tracking_rate())
