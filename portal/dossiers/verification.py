"""The second factor of tracking, kept in the session instead of the URL.

The citizen posts the dossier code and the verification code printed on the
receipt; from then on this browser may see the dossier (status, result files,
supplement upload, rating) for a while, under URLs that carry only the dossier
code. A verification code in a URL would end up in server logs, browser
history and Referer headers.
"""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest

from portal.security.grants import SessionGrants
from portal.security.input import DOSSIER_CODE, ascii_code

from .models import Dossier

# Long enough to read, download and upload; short enough for a shared
# computer. A browser rarely follows more dossiers at once; the oldest are
# forgotten.
GRANTS = SessionGrants("dossiers_verified", timedelta(minutes=60), keep=20)


def remember_verified(request: HttpRequest, dossier: Dossier) -> None:
    """This browser has just given the dossier's verification code."""
    GRANTS.grant(request, dossier.code)


def is_verified(request: HttpRequest, code: str) -> bool:
    """Has this browser given the verification code of dossier `code` lately?"""
    code = ascii_code(code, DOSSIER_CODE)
    return bool(code) and GRANTS.holds(request, code)


def verified_in_session(request: HttpRequest, code: str) -> Dossier | None:
    """The dossier `code` when this browser verified it lately, else None."""
    if not is_verified(request, code):
        return None
    return (
        Dossier.objects.select_related("agency", "procedure")
        .filter(code=ascii_code(code, DOSSIER_CODE))
        .first()
    )
