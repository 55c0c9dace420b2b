"""Public JSON for e-forms: the administrative units behind the address question."""

from __future__ import annotations

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from portal.security.input import ADMINISTRATIVE_UNIT_CODE, ascii_code
from portal.security.ratelimit import rate_limited

from . import addresses


@require_GET
@rate_limited("search_api", json=True)
@cache_control(public=True, max_age=86400)
def administrative_units(request):
    """`GET /api/administrative-units/[?province=CODE]`: the provinces, or one
    province's communes, wards and special zones (since the 2025 reform).

    Read as people fill in an address, like the suggest API, so it shares the
    search API's per-client ceiling (portal.security.ratelimit)."""
    raw = request.GET.get("province", "")
    if not raw.strip():
        return JsonResponse(
            {
                "data_version": addresses.data_version(),
                "provinces": [
                    {"code": p.code, "name": p.name} for p in addresses.provinces()
                ],
            },
            json_dumps_params={"ensure_ascii": False},
        )
    # ASCII digits only: "²" or "١" pass str.isdigit() but are no code.
    code = ascii_code(raw, ADMINISTRATIVE_UNIT_CODE)
    if code is None:
        return JsonResponse({"error": _("The province code is a number.")}, status=400)
    province = addresses.province(code)
    if province is None:
        return JsonResponse(
            {"error": _("There is no province with this code.")}, status=404
        )
    return JsonResponse(
        {
            "data_version": addresses.data_version(),
            "province": {"code": province.code, "name": province.name},
            "communes": [
                {"code": unit.code, "name": unit.name} for unit in province.communes
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
