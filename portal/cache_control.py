"""Which answers a shared cache (Varnish) may keep, said in Cache-Control.

Default: never. A response is cacheable only when its view asks for it and
the request and response allow it:

- the view asks: Wagtail pages do unless their class sets
  `front_cache_seconds = None` (portal.wagtail_hooks); Django views are
  listed by URL name in :data:`CACHEABLE_VIEWS`, the one place that says
  which application views are public;
- the request is an anonymous GET or HEAD: no session cookie, no
  Authorization header, not a preview;
- the response is a 200 that sets no cookie. A template that renders a CSRF
  token makes Django set the CSRF cookie, so a page with a POST form is
  never cached by accident; forms on cached pages either use GET (search)
  or post to a view that needs no token (page feedback, see docs/operations.md).

Cacheable answers get `Cache-Control: public, max-age=0, s-maxage=N`: the
shared cache keeps them N seconds (or until a purge), browsers ask again
every time (and get the cached copy from Varnish). Every other answer gets
`private, no-cache, no-store` unless its view set Cache-Control itself.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

SAFE_METHODS = ("GET", "HEAD")
# Statistics change when a dossier closes; no purge is sent for that, so a
# shared cache keeps them this long at most.
STATISTICS_SECONDS = 60
# Application views whose anonymous GETs are the same for everyone, by URL
# name (namespace included): seconds a shared cache may keep them, None for
# FRONTEND_CACHE_SECONDS. Views that set Cache-Control themselves (the search
# API: 60 s) keep theirs. Anything not listed is never cached.
CACHEABLE_VIEWS: dict[str, int | None] = {
    "search": None,
    "statistics": STATISTICS_SECONDS,
    "statistics_api": STATISTICS_SECONDS,
    "robots_txt": None,
    # Published questions only; purged when one is published or edited.
    "questions:index": None,
    "questions:detail": None,
    "questions_api": None,
    "sitemap": None,
    # "Book a visit": finding a procedure (a GET form), the same for everyone.
    "appointments:book_index": None,
}


def view_seconds(request: HttpRequest) -> int | None:
    """Seconds CACHEABLE_VIEWS allows for the view that answered, else None."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in CACHEABLE_VIEWS:
        return None
    seconds = CACHEABLE_VIEWS[match.view_name]
    return settings.FRONTEND_CACHE_SECONDS if seconds is None else seconds


def is_anonymous_read(request: HttpRequest) -> bool:
    """A GET/HEAD without a session, credentials or preview: the same for everyone.

    Decided from the request alone, without loading the session (which would
    add `Vary: Cookie`).
    """
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "authorization" not in request.headers
        and not getattr(request, "is_preview", False)
    )


def shareable(request: HttpRequest, response: HttpResponse) -> bool:
    """May a shared cache keep this response for other visitors?"""
    return (
        response.status_code == 200
        and not response.cookies
        and is_anonymous_read(request)
    )


def drop_vary_cookie(response: HttpResponse) -> None:
    """Only anonymous requests are cached, so the answer cannot depend on cookies."""
    vary = [
        value.strip()
        for value in response.headers.get("Vary", "").split(",")
        if value.strip() and value.strip().lower() != "cookie"
    ]
    if vary:
        response.headers["Vary"] = ", ".join(vary)
    else:
        response.headers.pop("Vary", None)


class FrontCacheMiddleware:
    """Sets Cache-Control on every answer that does not set its own.

    Sits above the session, CSRF and message middleware so that it sees the
    cookies they add.
    """

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Cache-Control" in response.headers:
            return response
        seconds = getattr(request, "front_cache_seconds", None) or view_seconds(request)
        if seconds and shareable(request, response):
            patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
            drop_vary_cookie(response)
        else:
            # private, no-cache, no-store, must-revalidate, max-age=0
            add_never_cache_headers(response)
        return response
