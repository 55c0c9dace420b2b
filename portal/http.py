"""HTTP answers and URLs the apps share: absolute links to the public site and
the one "too many requests" (HTTP 429) response of every rate-limited view."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def public_url(path: str) -> str:
    """`path` on the public site (PUBLIC_BASE_URL, else WAGTAILADMIN_BASE_URL)."""
    base = getattr(settings, "PUBLIC_BASE_URL", "") or settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + path


def too_many_requests(
    request: HttpRequest,
    retry_after: int,
    *,
    template: str,
    json_error: str | None = None,
) -> HttpResponse:
    """HTTP 429 with `Retry-After`: `{"error": json_error}` for an API, else `template`.

    The template gets `retry_minutes` (at least 1) to say when to try again.
    """
    if json_error is not None:
        response: HttpResponse = JsonResponse({"error": json_error}, status=429)
    else:
        response = render(
            request,
            template,
            {"retry_minutes": max(1, retry_after // 60)},
            status=429,
        )
    response["Retry-After"] = str(retry_after)
    return response
