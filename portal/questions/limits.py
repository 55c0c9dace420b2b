"""Rate limits of the Q&A pages, on the project's one limiter
(portal.security.ratelimit; budgets in settings.RATE_LIMITS):

- asking: the `questions` scope, every posted ask form (a person correcting
  a form a few times never meets it; a script sending hundreds does). Over
  budget, the form comes back with HTTP 429 and everything typed kept;
- following: the `tracking` scope, the budget every lookup by a
  verification code shares (dossiers and questions alike), so reference and
  verification codes cannot be guessed.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from portal.security.ratelimit import check_rate

ASK_SCOPE = "questions"
FOLLOW_SCOPE = "tracking"


def ask_refused(request: HttpRequest) -> int:
    """Count one posted question: 0 when allowed, else the seconds to wait."""
    refused = check_rate(request, ASK_SCOPE)
    return int(refused["Retry-After"]) if refused is not None else 0


def follow_refused(request: HttpRequest) -> HttpResponse | None:
    """Count one lookup by reference and verification code: None when
    allowed, else the 429 page (in the visitor's language, saying why)."""
    return check_rate(request, FOLLOW_SCOPE)
