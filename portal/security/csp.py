"""Content-Security-Policy (django-csp) with one relaxation for the Wagtail admin.

Public pages get the strict policy of `CONTENT_SECURITY_POLICY`: scripts only
from our origin or carrying the request's nonce (`{{ request.csp_nonce }}`),
no inline event handlers. The Wagtail admin still has inline scripts and
styles of its own, so under CONTENT_SECURITY_POLICY_ADMIN_PREFIXES the script and style
directives are replaced by `CONTENT_SECURITY_POLICY_ADMIN_REPLACE`, and no nonce is added there
(a nonce would make browsers ignore 'unsafe-inline').
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's replacement directives."""

    def get_policy_parts(
        self, request, response, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        prefixes = tuple(
            getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN_PREFIXES", ("/admin/",))
        )
        if request.path_info.startswith(prefixes):
            parts.replace = {
                **getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN_REPLACE", {}),
                **(parts.replace or {}),
            }
            parts.nonce = None
        return parts


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header (powerful features the site never uses)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response
