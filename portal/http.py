"""HTTP answers and URLs the apps share: absolute links to the public site and
the one "too many requests" (HTTP 429) response of every rate-limited view."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def public_url(path: str) -> str:
    """`path` on the public site (PUBLIC_BASE_URL, else WAGTAILADMIN_BASE_URL).

    Every absolute URL that leaves the site (e-mails, PDF, QR codes, sitemap,
    hreflang, canonical, JSON-LD, API results) is built here; links between
    pages stay relative.
    """
    base = getattr(settings, "PUBLIC_BASE_URL", "") or settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + path


def on_public_base(url: str) -> str:
    """A URL of this site, relative or built on another host (a Wagtail Site's
    hostname, the request's Host), moved onto PUBLIC_BASE_URL."""
    if not url:
        return url
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    if parts.fragment:
        path += f"#{parts.fragment}"
    return public_url(path)


def too_many_requests(
    request: HttpRequest,
    retry_after: int,
    *,
    template: str,
    json_error: str | None = None,
    context: dict | None = None,
) -> HttpResponse:
    """HTTP 429 with `Retry-After`: `{"error": json_error}` for an API, else `template`.

    The template gets `retry_minutes` (at least 1) to say when to try again,
    and `context`. portal.security.ratelimit is the one caller.
    """
    retry_after = max(1, int(retry_after))
    if json_error is not None:
        response: HttpResponse = JsonResponse(
            {"error": json_error}, status=429, json_dumps_params={"ensure_ascii": False}
        )
    else:
        response = render(
            request,
            template,
            {**(context or {}), "retry_minutes": max(1, (retry_after + 59) // 60)},
            status=429,
        )
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def private_file(
    stored, name: str | None, *, as_attachment: bool = True
) -> FileResponse:
    """A stored private file (DossierDocument, QuestionFile or alike) as a
    download, or shown inline with `as_attachment=False` (an answer's image).

    `name` is the stored name to read (`stored.file.name`; for dossiers
    portal.dossiers.files.readable_name: the document's own, or its draft
    copy while a crashed move is pending). 404 when there is none or the file
    is gone; never cached, never sniffed, named as the uploader named it (the
    stored name is ours).
    """
    if not name:
        raise Http404
    try:
        handle = stored.file.storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=as_attachment,
        filename=stored.original_name or stored.file.name.rsplit("/", 1)[-1],
        content_type=stored.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
