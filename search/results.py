"""What a search answers, whichever backend answered it.

`SearchResults.as_dict()` is the body of `GET /api/procedures/search/`
(documented in docs/api.md); `Hit.as_dict()` one of its `results`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import override as translation_override

from cms_pages.models.catalogue import Level, OnlineService
from search.forms import FACETS


@dataclass
class Hit:
    """One procedure in a result list, as the API returns it."""

    code: str
    name: str
    url: str
    sector: str
    agency: str
    level: str
    online_service: str
    processing_time_days: float | None
    highlight: str
    page_id: int | None = None
    # Language of the text: "vi" for a procedure without a page in the
    # visitor's language (shown as "Vietnamese only" on the English site).
    language: str = ""

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("page_id")
        return data


@dataclass
class SearchResults:
    """A page of results with facet counts and an optional spelling suggestion."""

    query: str
    count: int
    page: int
    page_size: int
    backend: str
    results: list[Hit]
    facets: dict[str, list[dict[str, Any]]]
    suggestion: str = ""
    # Server-side timings (ms) for the Server-Timing header; `engine` is the
    # engine's own `took`, summed over the requests this search made.
    timings: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "count": self.count,
            "page": self.page,
            "page_size": self.page_size,
            "backend": self.backend,
            "results": [hit.as_dict() for hit in self.results],
            "facets": self.facets,
            "suggestion": self.suggestion or None,
        }


def choice_label(facet: str, value: str, language: str) -> str:
    """The visitor-language label of a level or online-service value."""
    choices = dict((Level if facet == "level" else OnlineService).choices)
    with translation_override(language):
        return gettext(str(choices.get(value, value))) if value in choices else value


def facet_entry(facet: str, key: str, count: int, language: str) -> dict[str, Any]:
    """{"value", "label", "count"} for a facet bucket ("slug<TAB>name" for sectors)."""
    if facet in ("sector", "agency"):
        value, _, label = key.partition("\t")
        return {"value": value, "label": label or value, "count": count}
    return {"value": key, "label": choice_label(facet, key, language), "count": count}


def sorted_facet(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Most common first, then by label."""
    return sorted(entries, key=lambda e: (-e["count"], e["label"]))


def cluster_hit(raw: dict[str, Any], highlighted: list[str]) -> Hit:
    """A hit of the cluster's answer; the snippet is the first highlighted
    field after the name (the name's own when only the name matched)."""
    source = raw["_source"]
    highlight = raw.get("highlight", {})
    snippet = ""
    for name in highlighted:
        if highlight.get(name):
            snippet = highlight[name][0]
            if name != "name":
                break
    return Hit(
        code=source["code"],
        name=source["name"],
        url=source.get("url", ""),
        sector=source.get("sector_name", ""),
        agency=source.get("agency_name", ""),
        level=source.get("level", ""),
        online_service=source.get("online_service", ""),
        processing_time_days=source.get("processing_time_days"),
        highlight=snippet,
        page_id=source.get("page_id"),
        language=source.get("language", ""),
    )


def cluster_facets(
    aggregations: dict[str, Any], language: str
) -> dict[str, list[dict[str, Any]]]:
    """Facet entries from the cluster's aggregations (a facet's buckets sit
    under `values` when the other facets' filters wrap them)."""
    facets: dict[str, list[dict[str, Any]]] = {}
    for facet in FACETS:
        aggregation = aggregations.get(facet, {})
        buckets = aggregation.get("values", aggregation).get("buckets", [])
        facets[facet] = sorted_facet(
            [facet_entry(facet, b["key"], b["doc_count"], language) for b in buckets]
        )
    return facets
