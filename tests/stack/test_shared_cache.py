"""CACHE_URL: the shared cache in a real Redis (tests/stack/services.py)."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import override_settings

from portal.redis_cache import PortalRedisCache, ReusedClientRedisCacheClient
from portal.settings.environment import cache_settings

pytestmark = pytest.mark.stack


def test_without_cache_url_the_local_defaults_stay() -> None:
    defaults = cache_settings("")
    assert defaults["default"]["BACKEND"].endswith("DatabaseCache")
    assert defaults["local"]["BACKEND"].endswith("LocMemCache")


def test_cache_url_must_be_redis() -> None:
    with pytest.raises(ValueError, match="redis://"):
        cache_settings("memcached://127.0.0.1:11211")


def test_every_process_shares_the_cache_and_its_invalidation(redis_server) -> None:
    with override_settings(CACHES=cache_settings(redis_server.url)):
        # Two connections stand for two app processes.
        one = caches.create_connection("local")
        other = caches.create_connection("local")
        one.set("chrome:menus:vi", ["Trang chủ"])
        assert other.get("chrome:menus:vi") == ["Trang chủ"]
        caches["default"].set("ratelimit:tracking:1.2.3.4", 3, 60)
        # An edit clears the chrome everywhere at once, and only the chrome:
        # rate-limit counters and statistics live in another Redis database.
        other.clear()
        assert one.get("chrome:menus:vi") is None
        assert caches["default"].get("ratelimit:tracking:1.2.3.4") == 3
        assert caches["default"].incr("ratelimit:tracking:1.2.3.4") == 4


def test_one_redis_client_per_process_serves_every_call(redis_server) -> None:
    """Django makes a new redis.Redis per call (its callback table costs more
    CPU than the round trip); the portal's backend keeps one per pool."""
    with override_settings(CACHES=cache_settings(redis_server.url)):
        kept = ReusedClientRedisCacheClient([redis_server.url])
        assert kept.get_client(write=True) is kept.get_client("any key", write=True)
        assert kept.get_client() is kept.get_client()
        cache = caches.create_connection("default")
        assert isinstance(cache, PortalRedisCache)
        cache.set("kept-client", {"a": 1}, 30)
        assert cache.get("kept-client") == {"a": 1}
        assert cache.get_many(["kept-client", "missing"]) == {"kept-client": {"a": 1}}
        cache.delete("kept-client")
        assert cache.get("kept-client") is None
