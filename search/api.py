"""The JSON search API (documented in docs/api.md and docs/search.md): parse
input, call a query, answer.

Every answer is JSON; bad parameters give 400 with {"error": "…"}; nothing
gives a 500 (an unexpected failure answers 503 with an error message). The
search answer carries a `Server-Timing` header: `search` (the whole search,
in ms), `cpu` (the worker's CPU time for it) and `engine` (the cluster's
own `took`, summed over its requests).
"""

import logging
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from cms_pages.models import ProcedurePage
from portal.eforms.services import form_for_procedure
from portal.http import on_public_base
from portal.page_queries import public_page_url
from portal.security.ratelimit import rate_limited
from search.forms import SearchParamsForm
from search.query_log import log_click, log_search
from search.serializers import procedure_record
from search.service import search_procedures, suggest_procedures
from search.text import normalise

logger = logging.getLogger(__name__)
CACHE_SECONDS = 60
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def json_response(data: dict, status: int = 200, cache: bool = True) -> JsonResponse:
    response = JsonResponse(
        data, status=status, json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = (
        f"public, max-age={CACHE_SECONDS}" if cache and status == 200 else "no-store"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def json_errors(view: Callable) -> Callable:
    """Turn any unexpected exception into a JSON 503 instead of an HTML 500."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Exception:
            logger.exception("Search API failed")
            return json_response(
                {"error": _("Search is temporarily unavailable.")}, status=503
            )

    return wrapper


def _locale(request: HttpRequest) -> str | None:
    value = request.GET.get("locale", "vi") or "vi"
    return value if value in LANGUAGE_CODES else None


@require_GET
@rate_limited("search_api", json=True)
@json_errors
def search(request: HttpRequest) -> JsonResponse:
    """GET /api/procedures/search/"""
    form = SearchParamsForm(request.GET)
    if not form.is_valid():
        return json_response({"error": form.first_error()}, status=400)
    params = form.params()
    results = search_procedures(params)
    if params.q and params.page == 1:
        log_search(params.q, params.locale, results.count)
    data = results.as_dict()
    for result in data.get("results", []):
        result["url"] = on_public_base(result.get("url", ""))
    response = json_response(data)
    response["Server-Timing"] = server_timing(results.timings)
    return response


def server_timing(timings: dict[str, float]) -> str:
    """`search;dur=12.3, engine;dur=4` (what the benchmark and browsers read)."""
    return ", ".join(f"{name};dur={ms:.1f}" for name, ms in timings.items())


@require_GET
@rate_limited("search_api", json=True)
@json_errors
def suggest(request: HttpRequest) -> JsonResponse:
    """GET /api/procedures/suggest/?q=PREFIX&locale=vi (at most 10)."""
    locale = _locale(request)
    if locale is None:
        return json_response({"error": _("Unknown locale: use vi or en.")}, status=400)
    q = normalise(request.GET.get("q", "")).strip()
    if len(q) > 100:
        return json_response(
            {"error": _("The search text is too long (at most 100 characters).")},
            status=400,
        )
    if not q:
        return json_response({"suggestions": [], "backend": "none"})
    suggestions, backend = suggest_procedures(q, locale)
    suggestions = [
        {**item, "url": on_public_base(item.get("url", ""))}
        for item in suggestions[:10]
    ]
    return json_response({"suggestions": suggestions, "backend": backend})


@require_GET
@json_errors
def procedure(request: HttpRequest, code: str) -> JsonResponse:
    """GET /api/procedures/CODE/?locale=vi: the import-format record plus `url`."""
    locale = _locale(request)
    if locale is None:
        return json_response({"error": _("Unknown locale: use vi or en.")}, status=400)
    pages = (
        ProcedurePage.objects.live()
        .public()
        .filter(code__iexact=code)
        .select_related("locale", "sector", "agency")
    )
    page = next((p for p in pages if p.locale.language_code == locale), None) or next(
        iter(pages), None
    )
    if page is None:
        return json_response({"error": _("No procedure has this code.")}, status=404)
    record = procedure_record(page)
    record["url"] = public_page_url(page, request)
    # The e-form in the language asked for, so a kiosk or an app renders it as is.
    form = form_for_procedure(page, locale)
    record["form"] = form.definition if form is not None else None
    return json_response(record)


@csrf_exempt  # a counter with no session or user: nothing to forge
@require_POST
@rate_limited("search_api", json=True)
@json_errors
def click(request: HttpRequest) -> JsonResponse:
    """POST /api/procedures/click/ (q, locale, code): a result was opened.

    Sent by the results page (`navigator.sendBeacon`); counted only for a
    query searched today (see query_log.log_click). 204 either way.
    """
    locale = request.POST.get("locale", "vi")
    if locale not in LANGUAGE_CODES:
        return json_response({"error": _("Unknown locale: use vi or en.")}, status=400)
    q = normalise(request.POST.get("q", ""))[:200]
    code = request.POST.get("code", "").strip()[:32]
    log_click(q, locale, code)
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response
