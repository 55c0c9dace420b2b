"""Public JSON for e-forms: the administrative units behind the address question."""

from __future__ import annotations

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import addresses


@require_GET
@cache_control(public=True, max_age=86400)
def administrative_units(request):
    """`GET /api/administrative-units/[?province=CODE]`: the provinces, or one
    province's communes, wards and special zones (since the 2025 reform)."""
    code = request.GET.get("province", "").strip()
    if not code:
        return JsonResponse(
            {
                "data_version": addresses.data_version(),
                "provinces": [
                    {"code": p.code, "name": p.name} for p in addresses.provinces()
                ],
            },
            json_dumps_params={"ensure_ascii": False},
        )
    if not code.isdigit():
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
