"""Answers remembered for one request: what several templates and tags of a
page ask for (the active locale, the site's languages, the menus), looked
up once per request instead of once per asker.

Nothing outlives the request, so no process ever serves another's stale
answer after an edit: what may be kept longer goes in the chrome cache,
which every edit clears (cms_pages.signals). Outside a request (management
commands, a test calling a function directly) nothing is remembered.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")

_memo: ContextVar[dict | None] = ContextVar("portal_request_memo", default=None)


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, once per request for `key` (every call outside a request)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


class RequestMemoMiddleware:
    """Gives each request an empty memo, and drops it when the response is ready
    (templates render inside, TemplateResponse included)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
