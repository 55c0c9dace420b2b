"""The one rule for the client's address (CONTRACTS.md, TRUSTED_PROXY_COUNT).

Behind `TRUSTED_PROXY_COUNT` reverse proxies, each proxy appends the address
it saw to X-Forwarded-For, so the client is the right-most entry that no
trusted proxy wrote: the N-th from the right. Entries further left were
written by the client itself and prove nothing. With no proxy (the default)
the address is REMOTE_ADDR. Rate limits and login throttling use this.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "0.0.0.0"  # noqa: S104  (a key for "no usable address", never bound)


def _valid(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:51234"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def trusted_proxy_count() -> int:
    """How many proxies stand in front (TRUSTED_PROXY_COUNT; 0 = none)."""
    return max(0, int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0))


def client_ip(request: HttpRequest) -> str:
    """The client's address under the TRUSTED_PROXY_COUNT rule."""
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or UNKNOWN
    proxies = trusted_proxy_count()
    if not proxies:
        return remote
    entries = [
        entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    ]
    if len(entries) < proxies:
        # The request did not pass through every proxy (someone reached the
        # app directly): the connecting peer is all we know.
        return remote
    return _valid(entries[-proxies]) or remote


def axes_client_ip(request: HttpRequest) -> str:
    """AXES_CLIENT_IP_CALLABLE: django-axes counts failures per this address."""
    return client_ip(request)
