"""Idle sessions: shorter for back-office users than for citizens.

Citizens keep Django's SESSION_COOKIE_AGE. Anyone who may enter the Wagtail
admin (officials, centre staff, editors) gets BACKOFFICE_SESSION_IDLE_SECONDS
counted from their last request: the expiry is renewed on every request, so
an unattended admin session ends soon after its user walks away.
"""

from __future__ import annotations

from django.conf import settings


class BackofficeIdleSessionMiddleware:
    """Renew a back-office user's session expiry on each request (sliding window)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.has_perm("wagtailadmin.access_admin")
        ):
            request.session.set_expiry(
                int(getattr(settings, "BACKOFFICE_SESSION_IDLE_SECONDS", 1800))
            )
        return response
