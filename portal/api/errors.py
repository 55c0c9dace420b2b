"""Error answers of the JSON API: a path under /api/ that matches no endpoint
gets a JSON 404 like every other API answer, not the site's HTML page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found

API_PREFIX = "/api/"


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler404: JSON under /api/, the site's page elsewhere."""
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse(
            {"error": _("There is no API endpoint at this address.")},
            status=404,
            json_dumps_params={"ensure_ascii": False},
        )
    return page_not_found(request, exception)
