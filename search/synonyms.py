"""Query-time synonym expansion from the editors' `SearchSynonym` list.

Why query time and not a `synonym_graph` filter in the index: OpenSearch core
has no reloadable search analysers, so changing a filter means closing and
reopening the live index (a short outage on every save). Expanding the query
in Python works the same on Elasticsearch, OpenSearch and the database
fallback, and a saved synonym takes effect on the next search without touching
the index. See docs/search.md.
"""

import time
from functools import lru_cache

from django.core.cache import cache

from search.text import folded

CACHE_KEY = "portal_search:synonyms:version"
MAX_VARIANTS = 6


_seen = {"version": 1, "checked": 0.0}
CHECK_EVERY = 5.0  # seconds between looks at the shared cache


def _version() -> int:
    now = time.monotonic()
    if now - _seen["checked"] < CHECK_EVERY:
        return int(_seen["version"])
    version = cache.get(CACHE_KEY)
    if version is None:
        version = 1
        cache.set(CACHE_KEY, version, None)
    _seen.update(version=version, checked=now)
    return version


def invalidate() -> None:
    """Make every process reload the synonym list on its next search."""
    try:
        cache.incr(CACHE_KEY)
    except ValueError:
        cache.set(CACHE_KEY, 2, None)
    _seen["checked"] = 0.0
    _groups_for.cache_clear()


@lru_cache(maxsize=4)
def _groups_for(version: int) -> tuple[tuple[str, ...], ...]:
    from search.models import SearchSynonym

    groups = []
    for synonym in SearchSynonym.objects.all():
        forms = tuple(dict.fromkeys(folded(term).strip() for term in synonym.term_list))
        if len(forms) > 1:
            groups.append(forms)
    return tuple(groups)


def _groups() -> tuple[tuple[str, ...], ...]:
    return _groups_for(_version())


def expand(query: str) -> list[str]:
    """Folded alternatives of `query` with synonyms substituted (original excluded).

    >>> expand("lam so do")  # with the group ("so do", "giay chung nhan ...")
    ['lam giay chung nhan quyen su dung dat']
    """
    padded = folded(query)
    if not padded:
        return []
    variants: list[str] = []
    for group in _groups():
        for term in group:
            if f" {term} " in padded:
                for other in group:
                    if other != term:
                        variant = padded.replace(f" {term} ", f" {other} ").strip()
                        if variant not in variants:
                            variants.append(variant)
                break
        if len(variants) >= MAX_VARIANTS:
            break
    return variants[:MAX_VARIANTS]
