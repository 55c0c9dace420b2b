"""Pick the engine adapter from what the cluster says about itself.

`get_engine()` returns the adapter for `ELASTICSEARCH_URL`, or None when no
cluster is configured or the circuit breaker is open. The engine is recognised
from the root answer (`GET /`): OpenSearch says `version.distribution ==
"opensearch"`; Elasticsearch 8 says `tagline: "You Know, for Search"` and a
version without a distribution.
"""

import json
import logging
import threading
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings

from search.backends.base import Engine, EngineError, EngineUnavailable
from search.backends.breaker import CircuitBreaker

logger = logging.getLogger(__name__)

__all__ = [
    "Engine",
    "EngineError",
    "EngineUnavailable",
    "CircuitBreaker",
    "breaker",
    "engine_class_for",
    "get_engine",
    "reset",
]


class UnsupportedEngine(EngineError):
    """The cluster is neither Elasticsearch 8 nor OpenSearch 2/3."""


breaker = CircuitBreaker()
_engines: dict[tuple[str, ...], Engine] = {}
_lock = threading.Lock()


def cluster_urls() -> list[str]:
    """The node URLs from ELASTICSEARCH_URL (comma-separated)."""
    raw = getattr(settings, "ELASTICSEARCH_URL", "") or ""
    return [url.strip().rstrip("/") for url in raw.split(",") if url.strip()]


def request_timeout() -> float:
    return float(getattr(settings, "SEARCH_TIMEOUT", 1.0))


def engine_class_for(root: dict[str, Any]) -> type[Engine]:
    """The adapter class for a cluster's root answer; raises UnsupportedEngine."""
    version = root.get("version") or {}
    number = str(version.get("number", ""))
    major = int(number.split(".")[0]) if number[:1].isdigit() else 0
    if version.get("distribution") == "opensearch":
        if major in (2, 3):
            from search.backends.opensearch import OpenSearchEngine

            return OpenSearchEngine
        raise UnsupportedEngine(f"OpenSearch {number} is not supported (2.x or 3.x)")
    if "distribution" not in version and major == 8:
        from search.backends.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine
    raise UnsupportedEngine(f"Unsupported search engine: {version!r}")


def fetch_root(urls: list[str], timeout: float) -> dict[str, Any]:
    """The first answering node's root document."""
    last_error: Exception | None = None
    for url in urls:
        try:
            with urllib.request.urlopen(url + "/", timeout=timeout) as response:  # noqa: S310
                return json.loads(response.read().decode("utf-8"))
        except (OSError, urllib.error.URLError, ValueError) as error:
            last_error = error
    raise EngineUnavailable(f"no node answered: {last_error}")


def get_engine(*, use_breaker: bool = True) -> Engine | None:
    """The configured engine, or None (no URL, breaker open, cluster down).

    With `use_breaker`, the caller must report the outcome of its request to
    `breaker.success()` / `breaker.failure()` (it may be the half-open probe).
    """
    urls = cluster_urls()
    if not urls:
        return None
    if use_breaker and not breaker.allow():
        return None
    key = tuple(urls)
    engine = _engines.get(key)
    if engine is not None:
        return engine
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            try:
                root = fetch_root(urls, request_timeout())
                engine_class = engine_class_for(root)
            except EngineUnavailable as error:
                breaker.failure(str(error))
                return None
            except UnsupportedEngine:
                logger.exception("Search cluster not supported; using the database")
                breaker.failure("unsupported engine")
                return None
            engine = engine_class(
                urls, str(root["version"]["number"]), request_timeout()
            )
            _engines[key] = engine
    return engine


def require_engine() -> Engine:
    """The engine for maintenance commands: raises if none answers."""
    urls = cluster_urls()
    if not urls:
        raise EngineUnavailable("ELASTICSEARCH_URL is not set")
    root = fetch_root(urls, max(request_timeout(), 5.0))
    engine_class = engine_class_for(root)
    return engine_class(
        urls, str(root["version"]["number"]), max(request_timeout(), 5.0)
    )


def reset() -> None:
    """Forget detected engines and close the breaker (tests, settings changes)."""
    _engines.clear()
    breaker.close()
