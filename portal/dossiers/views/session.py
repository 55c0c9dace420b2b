"""What a browser owns: its session, the drafts it started and the dossiers it
submitted (for the receipt), and the friendly page for links that are not, or
no longer, its own."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from ..models import DossierDraft

SESSION_SUBMITTED = "dossiers_submitted"
SESSION_DRAFTS = "dossiers_drafts"


def ensure_session(request) -> str:
    """The session key, creating the session (and its cookie) if needed."""
    if request.session.session_key is None:
        request.session[SESSION_DRAFTS] = request.session.get(SESSION_DRAFTS, [])
        request.session.save()
    return request.session.session_key


def remember(request, key: str, value: str, keep: int = 20) -> None:
    """Add `value` to the session's list `key`, keeping the last `keep` values."""
    values = [item for item in request.session.get(key, []) if item != value]
    request.session[key] = (values + [value])[-keep:]


def owned_draft(request, procedure_code, instance_id) -> DossierDraft | None:
    """The draft if this browser owns it, else None."""
    draft = (
        DossierDraft.objects.select_related("procedure")
        .filter(instance_id=instance_id, procedure__code=procedure_code)
        .first()
    )
    if draft is None or draft.session_key != request.session.session_key:
        return None
    return draft


def restart_page(request, reason: str, *, status: int, procedure=None) -> HttpResponse:
    """The friendly page for expired, unknown or foreign wizard links."""
    return render(
        request,
        "dossiers/restart.html",
        {"reason": reason, "procedure": procedure},
        status=status,
    )
