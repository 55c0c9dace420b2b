"""Admin screen for centre staff: current login lockouts, and unlocking them."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .lockout import recent_attempts, unlock


def can_unlock(user) -> bool:
    """Superusers and centre staff (the one-stop desk) lift lockouts."""
    return bool(
        user.is_active
        and (user.is_superuser or user.has_perm("backoffice.handle_all_dossiers"))
    )


def lockouts(request):
    """List failed logins of the counting window; locked ones first."""
    if not can_unlock(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "security/admin/lockouts.html",
        {"rows": recent_attempts(), "header_title": _("Login lockouts")},
    )


@require_POST
def unlock_view(request, pk: int):
    """Lift the lockout of one record's user name and address."""
    if not can_unlock(request.user):
        raise PermissionDenied
    attempt = get_object_or_404(AccessAttempt, pk=pk)
    unlock(attempt, by=request.user)
    messages.success(
        request,
        _("Unlocked %(username)s (%(address)s).")
        % {"username": attempt.username or "—", "address": attempt.ip_address or "—"},
    )
    return redirect("security_lockouts")
