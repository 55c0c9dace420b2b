"""Login throttling with django-axes: the lockout page, the audit trail, unlocking.

Axes counts failed logins per user name and per client address (either one
over AXES_FAILURE_LIMIT within AXES_COOLOFF_TIME locks out). This module gives
the lockout a page in the visitor's language, writes every lockout and every
unlock to Wagtail's audit log, and lets centre staff lift a lockout.
"""

from __future__ import annotations

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from axes.utils import reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from wagtail.log_actions import log

LOCKOUT_ACTION = "security.login_lockout"
UNLOCK_ACTION = "security.login_unlock"


def cool_off_seconds(request: HttpRequest | None = None) -> int:
    cool_off = get_cool_off(request)
    return int(cool_off.total_seconds()) if cool_off else 0


def lockout_response(
    request: HttpRequest, original_response=None, credentials=None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: HTTP 429, Retry-After, a page in the user's language."""
    seconds = cool_off_seconds(request)
    response = render(
        request,
        "security/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": max(1, (seconds + 59) // 60),
        },
        status=429,
    )
    if seconds:
        response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


def _audit_target(username: str, ip_address: str):
    """The object the audit entry hangs on: the account if it exists, else the
    attempt record (a guessed user name that belongs to nobody)."""
    user = (
        get_user_model().objects.filter(username=username).first() if username else None
    )
    if user is not None:
        return user
    return (
        AccessAttempt.objects.filter(username=username, ip_address=ip_address)
        .order_by("-attempt_time")
        .first()
    )


@receiver(user_locked_out, dispatch_uid="portal.security.audit_lockout")
def audit_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """Every lockout goes to Wagtail's audit log (Reports → Site history)."""
    target = _audit_target(username or "", ip_address or "")
    if target is None:
        return
    log(
        instance=target,
        action=LOCKOUT_ACTION,
        data={"username": username or "", "ip_address": ip_address or ""},
    )


def recent_attempts() -> list[dict]:
    """Failed-login records inside the counting window, locked ones first.

    Axes adds failures up per user name and per address over all records, so
    a record is "locked" when either sum has reached the limit.
    """
    attempts = AccessAttempt.objects.all()
    cool_off = get_cool_off()
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    rows = list(attempts.order_by("-attempt_time")[:500])
    by_user: dict[str, int] = {}
    by_address: dict[str, int] = {}
    for row in rows:
        by_user[row.username or ""] = (
            by_user.get(row.username or "", 0) + row.failures_since_start
        )
        by_address[row.ip_address or ""] = (
            by_address.get(row.ip_address or "", 0) + row.failures_since_start
        )
    limit = settings.AXES_FAILURE_LIMIT
    listed = [
        {
            "attempt": row,
            "locked": bool(row.username)
            and by_user[row.username] >= limit
            or bool(row.ip_address)
            and by_address[row.ip_address] >= limit,
        }
        for row in rows
    ]
    return sorted(listed, key=lambda item: not item["locked"])


def unlock(attempt: AccessAttempt, by) -> int:
    """Lift the lockout of this attempt's user name and address; audit it."""
    target = _audit_target(attempt.username or "", attempt.ip_address or "")
    count = 0
    if attempt.username:
        count += reset(username=attempt.username)
    if attempt.ip_address:
        count += reset(ip=attempt.ip_address)
    if target is not None:
        log(
            instance=target,
            action=UNLOCK_ACTION,
            user=by,
            data={
                "username": attempt.username or "",
                "ip_address": attempt.ip_address or "",
            },
        )
    return count
