"""Builders of settings from environment variables (imported by `base`).

Kept apart from the values themselves so that tests and the other settings
modules can build the same dictionaries for other inputs.
"""

import os
from urllib.parse import urlsplit, urlunsplit


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable as a list of non-blank items."""
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" are yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def cache_settings(cache_url: str) -> dict:
    """CACHES for a Redis CACHE_URL, or the local defaults when it is empty.

    `default` is shared by every process. `local` holds the site chrome: per
    process in memory without Redis (kept for seconds, see
    cms_pages.templatetags.site_tags), in Redis with it, so an edit that
    clears it is seen by every process at once. Clearing a Redis cache
    empties its whole database (FLUSHDB), so the chrome gets the database
    after CACHE_URL's own (redis://host:6379/0 -> /0 shared, /1 chrome).
    """
    if not cache_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "portal_cache",
            },
            "local": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "chrome",
            },
        }
    parts = urlsplit(cache_url)
    if parts.scheme not in ("redis", "rediss"):
        raise ValueError(f"CACHE_URL must be a redis:// URL, got {cache_url!r}")
    database = int(parts.path.strip("/") or "0")
    chrome_url = urlunsplit(parts._replace(path=f"/{database + 1}"))
    options = {
        "BACKEND": "portal.redis_cache.PortalRedisCache",
        # A Redis that is down must not hang every request: fail fast.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    return {
        "default": {
            **options,
            "LOCATION": urlunsplit(parts._replace(path=f"/{database}")),
        },
        "local": {**options, "LOCATION": chrome_url},
    }


def task_settings(backend: str) -> dict:
    """TASKS for TASKS_BACKEND: `database` (the worker runs them) or `immediate`."""
    backends = {
        "database": "django_tasks_db.DatabaseBackend",
        "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    }
    if backend not in backends:
        raise ValueError(
            f"TASKS_BACKEND must be one of {sorted(backends)}, got {backend!r}"
        )
    return {"default": {"BACKEND": backends[backend]}}
