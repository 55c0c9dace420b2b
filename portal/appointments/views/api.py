"""JSON for integrators, the calendar widget and the board.

`GET /api/appointments/slots/?procedure=CODE&from=YYYY-MM-DD&days=N` returns
`{"procedure": "CODE", "slots": [{"start": "…+07:00", "end": "…", "available": 3}]}`:
the bookable slots with free places, only on working days inside opening
hours, none in the past or inside the lead time. Unknown procedure: 404; bad
parameters: 400; both as `{"error": "…"}`.

`GET /api/appointments/board/?locale=vi` returns what the "now serving"
board shows (the board page polls it).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.http import JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.security.ratelimit import check_rate

from .. import queries
from ..queue import board
from .common import parse_day

MAX_DAYS = 62
DEFAULT_DAYS = 7
CODE_RE = re.compile(r"^[\w.\-]{1,32}$", re.ASCII)
DAYS_RE = re.compile(r"^[0-9]{1,3}$")
# Availability changes as people book: a shared cache may keep it briefly.
SLOTS_CACHE_SECONDS = 15
# The board must show a call within seconds.
BOARD_CACHE_SECONDS = 1


class BadParameter(ValueError):
    """A parameter the API refuses (HTTP 400)."""


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(message: str, status: int) -> JsonResponse:
    response = _json({"error": message}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _range(params) -> tuple[date, int]:
    """(from, days) from the query string, strictly."""
    today = timezone.localdate()
    raw_from = params.get("from")
    first = today if raw_from in (None, "") else parse_day(raw_from)
    if first is None or not 2000 <= first.year <= 2100:
        raise BadParameter(
            _("“from” must be a date written YYYY-MM-DD, e.g. 2027-02-01.")
        )
    raw_days = params.get("days")
    if raw_days in (None, ""):
        return first, DEFAULT_DAYS
    if not DAYS_RE.fullmatch(raw_days) or not 1 <= int(raw_days) <= MAX_DAYS:
        raise BadParameter(
            _("“days” must be a whole number from 1 to %(max)s.") % {"max": MAX_DAYS}
        )
    return first, int(raw_days)


@require_GET
def slots_api(request):
    """The free slots of one procedure (see the module docstring)."""
    limited = check_rate(request, "appointments_api", json=True)
    if limited is not None:
        return limited
    code = (request.GET.get("procedure") or "").strip()
    if not code:
        return _error(_("“procedure” is required: a procedure code."), 400)
    if not CODE_RE.fullmatch(code):
        return _error(_("“procedure” must be a procedure code, e.g. 1.001612."), 400)
    try:
        first, days = _range(request.GET)
    except BadParameter as error:
        return _error(str(error), 400)
    procedure = queries.source_procedure(code)
    if procedure is None or not queries.is_bookable(procedure):
        return _error(
            _("No visit can be booked for procedure %(code)s.") % {"code": code}, 404
        )
    slots = queries.free_slots(procedure, first, first + timedelta(days=days - 1))
    response = _json(
        {"procedure": procedure.code, "slots": [slot.as_json() for slot in slots]}
    )
    response["Cache-Control"] = f"public, max-age={SLOTS_CACHE_SECONDS}"
    return response


@require_GET
def board_api(request):
    """What the "now serving" board shows, in the language of `locale`."""
    language = request.GET.get("locale", "")
    if language not in ("vi", "en"):
        language = translation.get_language() or "vi"
    with translation.override(language):
        state = board()
    response = _json({"generated_at": timezone.localtime().isoformat(), **state})
    response["Cache-Control"] = f"public, max-age={BOARD_CACHE_SECONDS}"
    return response
