"""The second factor of tracking, kept in the session instead of the URL.

The citizen posts the dossier code and the verification code printed on the
receipt; from then on this browser may see the dossier (status, result files,
supplement upload, rating) for a while, under URLs that carry only the dossier
code. A verification code in a URL would end up in server logs, browser
history and Referer headers.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.http import HttpRequest
from django.utils import timezone

from portal.security.input import DOSSIER_CODE, ascii_code

from .models import Dossier

SESSION_KEY = "dossiers_verified"
# Long enough to read, download and upload; short enough for a shared computer.
VERIFIED_FOR = timedelta(minutes=60)
# A browser rarely follows more dossiers at once; the oldest are forgotten.
KEEP = 20


def _entries(request: HttpRequest) -> dict[str, str]:
    entries = request.session.get(SESSION_KEY)
    return entries if isinstance(entries, dict) else {}


def remember_verified(request: HttpRequest, dossier: Dossier) -> None:
    """This browser has just given the dossier's verification code."""
    entries = {
        code: when
        for code, when in _entries(request).items()
        if code != dossier.code and _fresh(when)
    }
    entries[dossier.code] = timezone.now().isoformat()
    request.session[SESSION_KEY] = dict(list(entries.items())[-KEEP:])


def _fresh(when: str) -> bool:
    try:
        at = datetime.fromisoformat(when)
    except (TypeError, ValueError):
        return False
    return timezone.now() - at < VERIFIED_FOR


def is_verified(request: HttpRequest, code: str) -> bool:
    """Has this browser given the verification code of dossier `code` lately?"""
    code = ascii_code(code, DOSSIER_CODE)
    when = _entries(request).get(code) if code else None
    return when is not None and _fresh(when)


def verified_in_session(request: HttpRequest, code: str) -> Dossier | None:
    """The dossier `code` when this browser verified it lately, else None."""
    if not is_verified(request, code):
        return None
    return (
        Dossier.objects.select_related("agency", "procedure")
        .filter(code=ascii_code(code, DOSSIER_CODE))
        .first()
    )
