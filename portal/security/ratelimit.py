"""The one rate limiter: django-ratelimit's counters on the Django cache.

Every limited endpoint names a *scope*; `settings.RATE_LIMITS[scope]` is its
budget, "N/SECONDS" per client address (`client.client_ip`, the
TRUSTED_PROXY_COUNT rule). Endpoints that share a scope share a budget (the
tracking page, the status API, supplement and rating all guess at the same
verification codes). An exhausted budget answers 429 with `Retry-After` and a
page in the visitor's language, or `{"error": "…"}` for JSON endpoints.

Limit a view:

    @rate_limited("feedback", methods=("POST",))
    def page_feedback(request): ...

or count only some requests inside a view:

    if (refused := check_rate(request, "forms")) is not None:
        return refused

The counters live in the "default" cache, so several app processes share
them whenever that cache is shared (Redis with CACHE_URL; the database cache
otherwise). django-ratelimit is used as a library and not installed as an
app: its system check calls the database cache unsupported because its
increment is not atomic, which costs at most a few extra requests in a race.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.core import get_usage

from portal.http import too_many_requests

from .client import client_ip

DEFAULT_RATE_LIMITS = {
    # Tracking page, status API, supplement upload and rating (one budget).
    "tracking": "30/600",
    # "Was this page helpful?" answers.
    "feedback": "20/600",
    # Stored submissions of editor-built forms.
    "forms": "10/600",
    # Questions and reports sent through the ask form (portal.questions).
    "questions": "10/3600",
    # New dossier drafts (the "Start now" button).
    "dossier_start": "30/3600",
    # Search, suggest and administrative-units APIs: a ceiling that type-ahead
    # never reaches.
    "search_api": "300/60",
    # Visits to the centre (portal/appointments): bookings made, booking-code
    # lookups (cancel, move: guessing must be slow), queue numbers from one
    # kiosk serving a busy hall, and the free-slots API the calendar asks.
    "appointments_book": "10/3600",
    "appointments_manage": "20/600",
    "appointments_kiosk": "300/3600",
    "appointments_api": "120/60",
}

# Why the visitor is stopped, per scope (the page says it in their language).
REASONS = {
    "tracking": gettext_lazy(
        "To protect citizens' data, each connection may look up only a limited "
        "number of dossiers."
    ),
    "appointments_manage": gettext_lazy(
        "To protect visitors' bookings, each connection may look up only a "
        "limited number of booking codes."
    ),
    "forms": gettext_lazy(
        "You have sent this form several times in a short while. What you typed "
        "is kept: wait a little and send it again."
    ),
}
DEFAULT_REASON = gettext_lazy(
    "This service has received too many requests from your connection."
)


def rate_for(scope: str) -> str:
    """The scope's budget as django-ratelimit writes it ("30/600s")."""
    configured = {**DEFAULT_RATE_LIMITS, **getattr(settings, "RATE_LIMITS", {})}
    value = configured[scope].strip()
    return value if value[-1] in "smhd" else f"{value}s"


def _client_key(group: str, request: HttpRequest) -> str:
    return client_ip(request)


def too_many_response(
    request: HttpRequest, retry_after: int, *, scope: str = "", json: bool = False
) -> HttpResponse:
    """HTTP 429 with Retry-After (portal.http.too_many_requests): a page in
    the visitor's language saying why, or JSON for APIs."""
    return too_many_requests(
        request,
        retry_after,
        template="security/too_many.html",
        json_error=_("Too many requests. Try again in %(seconds)s seconds.")
        % {"seconds": max(1, int(retry_after))}
        if json
        else None,
        context={"reason": REASONS.get(scope, DEFAULT_REASON)},
    )


def _usage(request: HttpRequest, scope: str, increment: bool) -> dict | None:
    return get_usage(
        request,
        group=f"portal.{scope}",
        key=_client_key,
        rate=rate_for(scope),
        increment=increment,
    )


def check_rate(
    request: HttpRequest, scope: str, *, json: bool = False, increment: bool = True
) -> HttpResponse | None:
    """Count this request against the scope; a 429 response once over budget.

    With `increment=False` nothing is counted: the answer says whether the
    budget is already spent (count the request later with `record_hit`, e.g.
    only once a form submission was stored).
    """
    usage = _usage(request, scope, increment)
    if usage is None:
        return None
    over = usage["should_limit"] if increment else usage["count"] >= usage["limit"]
    if not over:
        return None
    return too_many_response(request, usage["time_left"], scope=scope, json=json)


def record_hit(request: HttpRequest, scope: str) -> None:
    """Count one request against the scope without answering it."""
    _usage(request, scope, increment=True)


def rate_limited(
    scope: str, *, methods: Iterable[str] | None = None, json: bool = False
) -> Callable:
    """Decorator: limit a view (only the given HTTP methods, if any)."""
    limited_methods = {m.upper() for m in methods} if methods else None

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if limited_methods is None or request.method in limited_methods:
                refused = check_rate(request, scope, json=json)
                if refused is not None:
                    return refused
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
