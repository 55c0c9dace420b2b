"""What a search on the cluster may remember for a minute: facet counts and the best score.

Both depend only on the query, its filters and the catalogue, not on the page
asked for, so a repeated search and its page 2 skip the aggregations and the
best-score probe. Entries live in the `local` cache (process memory, or Redis
with `CACHE_URL`, shared by the workers) for `CACHE_SECONDS`, under a key
that carries the catalogue's generation: every write to the index
(`indexing.py`) starts a new generation, so nothing cached before a change is
read after it in the same process (or anywhere with Redis); the key also holds
the query's readings from editors' synonyms, so a new synonym group is a new
search at once. A worker that
keeps its cache in process memory does not see another process's change:
there the minute bounds how old a facet count can be, and a best score is
checked against the page's own top score before it is trusted
(`queries.ProcedureSearch`).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from typing import Any

from django.core.cache import caches

from search.forms import FACETS, SearchParams

logger = logging.getLogger(__name__)
CACHE_SECONDS = 60
_GENERATION = "portal_search:generation"


def catalogue_changed() -> None:
    """Start a new generation: every facet count and best score cached so far is
    forgotten (called after each write to the search index)."""
    cache = caches["local"]
    try:
        cache.add(_GENERATION, 0, None)
        try:
            cache.incr(_GENERATION)
        except ValueError:  # evicted between add() and incr()
            cache.set(_GENERATION, 1, None)
    except Exception:  # noqa: BLE001 (a Redis outage must not stop indexing)
        # What was remembered lapses within CACHE_SECONDS anyway.
        logger.warning("Search cache generation not advanced", exc_info=True)


def query_key(
    kind: str, index: str, params: SearchParams, readings: Sequence[str] = ()
) -> str:
    """The cache key of `kind` ("facets", "best") for this query and filters.

    `readings` are the other readings of the query (editors' synonyms): a
    group an editor adds or changes makes it another search."""
    selected = {facet: sorted(params.selected(facet)) for facet in FACETS}
    raw = json.dumps([generation(), index, params.q, selected, list(readings)])
    digest = hashlib.sha1(raw.encode()).hexdigest()  # noqa: S324 (a key, not a secret)
    return f"portal_search:{kind}:{digest}"


def generation() -> int:
    """The catalogue's generation."""
    return caches["local"].get(_GENERATION, 0)


def get(key: str) -> Any:
    """The cached value, or None."""
    return caches["local"].get(key)


def put(key: str, value: Any) -> None:
    caches["local"].set(key, value, CACHE_SECONDS)
