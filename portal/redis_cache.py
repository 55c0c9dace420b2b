"""Django's Redis cache, with one client object per process instead of one per call.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` for every
cache operation. The connections come from a shared pool either way, but each
new client object also builds redis-py's table of about 250 response
callbacks: on a wizard page that reads the chrome, the session and the rate
counters, that was about 6 % of the request's CPU. A `redis.Redis` is safe to
share between threads (each command borrows a pooled connection), so one per
connection pool is enough.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Keeps the client objects it makes: one for writes, one for reads.

    With one server (the portal's set-up) both are the same pool. With
    replicas Django picks a read replica at random per call; a kept read
    client stays on the replica it first chose, which still spreads reads
    over the replicas across processes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kept: dict[bool, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        client = self._kept.get(write)
        if client is None:
            client = self._kept[write] = super().get_client(key, write=write)
        return client


class PortalRedisCache(RedisCache):
    """`django.core.cache.backends.redis.RedisCache` with the kept clients."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
