"""The one client-address rule: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT
proxies the right-most X-Forwarded-For entry that no trusted proxy wrote."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from portal.security.client import client_ip


def request(remote="10.0.0.2", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request(forwarded="203.0.113.9")) == "10.0.0.2"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        # One proxy: it appended the client's address last.
        (1, "203.0.113.9", "203.0.113.9"),
        # The client wrote a fake entry first: still the right-most one.
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),
        # Two proxies: the last entry is the first proxy's address.
        (2, "1.2.3.4, 203.0.113.9, 10.0.0.7", "203.0.113.9"),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "203.0.113.9:51234", "203.0.113.9"),
        # Fewer entries than proxies: the request bypassed a proxy.
        (2, "203.0.113.9", "10.0.0.2"),
        # Garbage where the address should be.
        (1, "not-an-address", "10.0.0.2"),
        (1, "1.2.3.4, \x00", "10.0.0.2"),
    ],
)
def test_behind_proxies(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(request(forwarded=forwarded)) == expected


def test_a_client_cannot_choose_its_own_address(settings):
    """Walking around a limit by writing X-Forwarded-For gives nothing."""
    settings.TRUSTED_PROXY_COUNT = 1
    seen = {
        client_ip(request(forwarded=f"198.51.100.{n}, 203.0.113.9")) for n in range(20)
    }
    assert seen == {"203.0.113.9"}


def test_deprecated_alias_means_one_proxy(monkeypatch):
    import importlib

    import portal.settings.base as base

    monkeypatch.setenv("DOSSIER_TRUST_X_FORWARDED_FOR", "true")
    monkeypatch.delenv("TRUSTED_PROXY_COUNT", raising=False)
    try:
        assert importlib.reload(base).TRUSTED_PROXY_COUNT == 1
        monkeypatch.setenv("TRUSTED_PROXY_COUNT", "2")
        assert importlib.reload(base).TRUSTED_PROXY_COUNT == 2
    finally:
        monkeypatch.undo()
        importlib.reload(base)
