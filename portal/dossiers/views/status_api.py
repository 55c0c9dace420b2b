"""The dossier status API: the tracking page's data as JSON."""

from __future__ import annotations

from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.security.ratelimit import check_rate

from ..public_status import public_status, verified_dossier


@require_GET
@never_cache
def api_status(request, code):
    """`GET /api/dossiers/CODE/status/?verify=SECRET` (same data as the tracking page)."""
    limited = check_rate(request, "tracking", json=True)
    if limited is not None:
        return limited
    dossier = verified_dossier(code, request.GET.get("verify", ""))
    if dossier is None:
        return JsonResponse(
            {"error": _("No dossier matches this code and verification code.")},
            status=404,
        )
    with translation.override(request.GET.get("lang") or dossier.language):
        data = public_status(dossier)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
