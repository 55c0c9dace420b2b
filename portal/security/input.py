"""Input refused before it reaches a query: codes and tokens as ASCII
patterns, and control characters.

Lookups by code or token first match the value against an ASCII pattern
(`ascii_code`): "١٢٣", "²" or a NUL byte never reach the database or a
constant-time comparison. `ControlCharactersMiddleware` is the backstop for
everything that reads the request directly: a NUL anywhere (PostgreSQL
refuses it in text), or another control character in the URL or query
string, is answered 400 in the visitor's language before any view runs.
Form fields refuse NUL themselves (Django's ProhibitNullCharactersValidator).
"""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# Dossier codes: letters, digits and - . / _ (DOSSIER_CODE_PATTERN's pieces).
DOSSIER_CODE = re.compile(r"[A-Z0-9][A-Z0-9./_-]{0,39}", re.ASCII)
# Verification codes printed on receipts (models.VERIFICATION_ALPHABET, any length 4-16).
VERIFICATION_CODE = re.compile(r"[A-Z0-9]{4,16}", re.ASCII)
# Resume links (secrets.token_urlsafe).
RESUME_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,128}", re.ASCII)
# Procedure codes (the catalogue schema's pattern).
PROCEDURE_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.-]{0,31}", re.ASCII)
# Administrative units (General Statistics Office codes).
ADMINISTRATIVE_UNIT_CODE = re.compile(r"[0-9]{1,6}", re.ASCII)

NUL = "\x00"
# C0 controls and DEL, except tab, line feed and carriage return.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def ascii_code(
    value: str | None, pattern: re.Pattern, *, upper: bool = True
) -> str | None:
    """The value, stripped (and upper-cased), when it matches `pattern` in
    full; None for anything else, so the caller answers "not found"."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if upper:
        value = value.upper()
    return value if pattern.fullmatch(value) else None


def _has(values, pattern_or_char) -> bool:
    for value in values:
        if isinstance(pattern_or_char, str):
            if pattern_or_char in value:
                return True
        elif pattern_or_char.search(value):
            return True
    return False


def refused_input(request: HttpRequest) -> bool:
    """True when the URL, the query string or posted data carry what no
    honest request does."""
    query = [item for pair in request.GET.lists() for item in (pair[0], *pair[1])]
    if _has([request.path_info, *query], CONTROL):
        return True
    if request.method == "POST":
        posted = [item for pair in request.POST.lists() for item in (pair[0], *pair[1])]
        names = [upload.name or "" for upload in request.FILES.values()]
        if _has([*posted, *names, *request.FILES.keys()], NUL):
            return True
    return False


def bad_request(request: HttpRequest) -> HttpResponse:
    """HTTP 400: JSON under /api/, a page in the visitor's language elsewhere."""
    message = _(
        "The address or the form contains characters that cannot be used "
        "(control characters). Check what you typed or pasted and try again."
    )
    if request.path_info.startswith("/api/"):
        return JsonResponse(
            {"error": message}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    return render(
        request, "security/bad_request.html", {"message": message}, status=400
    )


class ControlCharactersMiddleware:
    """Answer 400 before any view when `refused_input()` says so."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if refused_input(request):
            return bad_request(request)
        return self.get_response(request)
