"""Search use cases: one class per use case, built with `elasticsearch.dsl`.

`ProcedureSearch` (the search API and page) has one `filter_<facet>()` per
facet and one `search()` composing them; `ProcedureSuggest` completes what
people type. Both answer from the cluster when it is up and from the database
(`search/fallback.py`) otherwise; `backend` says which one answered.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import override as translation_override
from elasticsearch.dsl import Q, Search

from cms_pages.models.catalogue import Level, OnlineService
from search import documents, synonyms
from search.backends import Engine, EngineError, EngineUnavailable, breaker, get_engine
from search.forms import FACETS, SearchParams
from search.text import looks_like_code, search_tokens, significant_tokens

logger = logging.getLogger(__name__)

# Field weights: name > keywords > documents and steps > body.
TEXT_FIELDS = [
    "name^6",
    "keywords^4",
    "other_names^3",
    "result^2",
    "sector_name^1.5",
    "documents^1.5",
    "steps^1",
    "agency_name^0.5",
    "requirements^0.5",
    "body^0.5",
    "questions^0.3",
]
FUZZY_FIELDS = ["name^3", "keywords^2", "other_names^2"]
PREFIX_FIELDS = ["name.suggest", "name.suggest._2gram", "name.suggest._3gram"]
HIGHLIGHT_FIELDS = ["name", "keywords", "result", "documents", "steps", "body"]
SOURCE_FIELDS = [
    "code",
    "name",
    "url",
    "page_id",
    "sector",
    "sector_name",
    "agency",
    "agency_name",
    "level",
    "online_service",
    "processing_time_days",
]
MINIMUM_MATCH = "2<75%"  # up to 2 words: all of them; more: three in four


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
    extra: dict[str, Any] = field(default_factory=dict)

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
    """{"value", "label", "count"} for a facet bucket."""
    if facet in ("sector", "agency"):
        value, _, label = key.partition("\t")
        return {"value": value, "label": label or value, "count": count}
    return {"value": key, "label": choice_label(facet, key, language), "count": count}


FACET_FIELDS = {
    "sector": ("sector", "sector_facet"),
    "agency": ("agency", "agency_facet"),
    "level": ("level", "level"),
    "online_service": ("online_service", "online_service"),
}


class ProcedureSearch:
    """Full-text procedure search with facets, highlighting and "did you mean"."""

    def __init__(self, params: SearchParams):
        self.params = params
        self.language = params.locale if params.locale in documents.LANGUAGES else "vi"

    # Facet filters ----------------------------------------------------------

    def _terms(self, facet: str) -> Q | None:
        values = self.params.selected(facet)
        return Q("terms", **{FACET_FIELDS[facet][0]: values}) if values else None

    def filter_sector(self) -> Q | None:
        return self._terms("sector")

    def filter_agency(self) -> Q | None:
        return self._terms("agency")

    def filter_level(self) -> Q | None:
        return self._terms("level")

    def filter_online_service(self) -> Q | None:
        return self._terms("online_service")

    def filters(self, skip: str | None = None) -> list[Q]:
        """Every facet's filter except `skip` (facet counts ignore their own filter)."""
        result = []
        for facet in FACETS:
            if facet != skip:
                query = getattr(self, f"filter_{facet}")()
                if query is not None:
                    result.append(query)
        return result

    # Text -------------------------------------------------------------------

    def _alternative(self, text: str, core: str, original: bool) -> Q:
        """One way of reading the query: required matching plus ranking boosts."""
        required = [
            Q(
                "multi_match",
                query=core,
                type="cross_fields",
                fields=TEXT_FIELDS,
                operator="or",
                minimum_should_match=MINIMUM_MATCH,
            ),
            Q(
                "multi_match",
                query=core,
                type="best_fields",
                fields=FUZZY_FIELDS,
                fuzziness="AUTO",
                prefix_length=1,
                max_expansions=10,
                minimum_should_match=MINIMUM_MATCH,
                boost=0.5,
            ),
            Q(
                "multi_match",
                query=text,
                type="bool_prefix",
                fields=PREFIX_FIELDS,
                operator="and",
                boost=0.8,
            ),
        ]
        boosts = [
            Q("match_phrase", name={"query": text, "slop": 2, "boost": 4}),
            Q("match_phrase", keywords={"query": text, "slop": 1, "boost": 3}),
            Q("match_phrase", other_names={"query": text, "slop": 1, "boost": 2}),
        ]
        if original:
            # Same diacritics as typed: ranks "Đăng ký" above a mere "dang ky".
            boosts += [
                Q("match", **{"name.exact": {"query": text, "boost": 1.5}}),
                Q("match", **{"keywords.exact": {"query": text, "boost": 1}}),
                Q("match", **{"documents.exact": {"query": text, "boost": 0.3}}),
            ]
        return Q(
            "bool",
            must=[Q("bool", should=required, minimum_should_match=1)],
            should=boosts,
        )

    def text_query(self) -> Q:
        """The scoring query for `q`: original wording, synonym variants, codes."""
        q = self.params.q
        core = " ".join(significant_tokens(q, self.language)) or q
        alternatives = [self._alternative(q, core, original=True)]
        for variant in synonyms.expand(q):
            variant_core = (
                " ".join(significant_tokens(variant, self.language)) or variant
            )
            alternatives.append(
                self._alternative(variant, variant_core, original=False)
            )
        if looks_like_code(q):
            alternatives.append(
                Q(
                    "bool",
                    should=[
                        Q("term", code={"value": q.lower(), "boost": 100}),
                        Q("match", code_variants={"query": q.lower(), "boost": 30}),
                    ],
                    minimum_should_match=1,
                )
            )
        return Q("dis_max", queries=alternatives, tie_breaker=0.3)

    # Composition ------------------------------------------------------------

    def build(self) -> Search:
        """The whole request: query, facet filters as post_filter, aggregations."""
        params = self.params
        s = Search().extra(track_total_hits=True).source(SOURCE_FIELDS)
        has_text = bool(search_tokens(params.q)) or looks_like_code(params.q)
        if has_text:
            s = s.query(self.text_query())
            s = s.highlight_options(
                pre_tags=["<mark>"],
                post_tags=["</mark>"],
                encoder="html",
                fragment_size=160,
                number_of_fragments=1,
                no_match_size=0,
            ).highlight(*HIGHLIGHT_FIELDS)
            if (
                params.page == 1
                and len(params.q) >= 4
                and not looks_like_code(params.q)
            ):
                s = s.suggest(
                    "did_you_mean",
                    params.q,
                    phrase={
                        "field": "name.shingle",
                        "size": 1,
                        "max_errors": 2,
                        "confidence": 1.0,
                        "direct_generator": [
                            {
                                "field": "name.shingle",
                                "suggest_mode": "missing",
                                "min_word_length": 3,
                            }
                        ],
                    },
                )
        else:
            s = s.sort("sort_name", "code")
        filters = self.filters()
        if filters:
            s = s.post_filter("bool", filter=filters)
        for facet in FACETS:
            others = self.filters(skip=facet)
            agg_filter = Q("bool", filter=others) if others else Q("match_all")
            s.aggs.bucket(facet, "filter", filter=agg_filter).bucket(
                "values", "terms", field=FACET_FIELDS[facet][1], size=200
            )
        start = (params.page - 1) * params.page_size
        return s[start : start + params.page_size]

    def search(self, engine: Engine) -> SearchResults:
        """Run on the cluster; raises EngineUnavailable/EngineError on failure."""
        answer = engine.search(
            documents.alias_name(self.language), self.build().to_dict()
        )
        hits = [self._hit(raw) for raw in answer["hits"]["hits"]]
        total = answer["hits"]["total"]
        count = total["value"] if isinstance(total, dict) else int(total)
        facets: dict[str, list[dict[str, Any]]] = {}
        for facet in FACETS:
            buckets = (
                answer.get("aggregations", {})
                .get(facet, {})
                .get("values", {})
                .get("buckets", [])
            )
            entries = [
                facet_entry(facet, b["key"], b["doc_count"], self.language)
                for b in buckets
            ]
            facets[facet] = sorted(entries, key=lambda e: (-e["count"], e["label"]))
        return SearchResults(
            query=self.params.q,
            count=count,
            page=self.params.page,
            page_size=self.params.page_size,
            backend=engine.name,
            results=hits,
            facets=facets,
            suggestion=self._suggestion(answer),
        )

    def _suggestion(self, answer: dict[str, Any]) -> str:
        options = answer.get("suggest", {}).get("did_you_mean", [{}])
        options = options[0].get("options", []) if options else []
        if not options:
            return ""
        text = options[0]["text"]
        return text if search_tokens(text) != search_tokens(self.params.q) else ""

    @staticmethod
    def _hit(raw: dict[str, Any]) -> Hit:
        source = raw["_source"]
        highlight = raw.get("highlight", {})
        snippet = ""
        for name in HIGHLIGHT_FIELDS:
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
        )


class ProcedureSuggest:
    """Completion as people type: names by prefix, and codes."""

    def __init__(self, q: str, locale: str = "vi", size: int = 10):
        self.q = q.strip()
        self.language = locale if locale in documents.LANGUAGES else "vi"
        self.size = size

    def build(self) -> Search:
        should = [
            Q(
                "multi_match",
                query=self.q,
                type="bool_prefix",
                fields=PREFIX_FIELDS,
                operator="and",
            ),
            Q("match_phrase_prefix", keywords={"query": self.q, "boost": 0.5}),
        ]
        if looks_like_code(self.q):
            should.append(
                Q("match", code_variants={"query": self.q.lower(), "boost": 10})
            )
        return (
            Search()
            .query(Q("bool", should=should, minimum_should_match=1))
            .source(["code", "name", "url"])
            .extra(size=self.size)
        )

    def suggest(self, engine: Engine) -> list[dict[str, str]]:
        answer = engine.search(
            documents.alias_name(self.language), self.build().to_dict()
        )
        return [
            {
                "code": h["_source"]["code"],
                "name": h["_source"]["name"],
                "url": h["_source"].get("url", ""),
            }
            for h in answer["hits"]["hits"]
        ]


def _with_fallback(run_engine, run_database):
    engine = get_engine()
    if engine is not None:
        try:
            return run_engine(engine)
        except EngineUnavailable as error:
            breaker.trip(str(error))
        except EngineError:
            # A missing index (never rebuilt) or a query the engine rejects:
            # answer from the database rather than fail the visitor.
            logger.exception("Search cluster refused the query; using the database")
    return run_database()


def search_procedures(params: SearchParams) -> SearchResults:
    """Search on the cluster, or the database when it is not there."""
    from search.fallback import DatabaseProcedureSearch

    return _with_fallback(
        lambda engine: ProcedureSearch(params).search(engine),
        lambda: DatabaseProcedureSearch(params).search(),
    )


def suggest_procedures(q: str, locale: str = "vi") -> tuple[list[dict[str, str]], str]:
    """(suggestions, backend) for a prefix."""
    from search.fallback import DatabaseProcedureSuggest

    return _with_fallback(
        lambda engine: (ProcedureSuggest(q, locale).suggest(engine), engine.name),
        lambda: (DatabaseProcedureSuggest(q, locale).suggest(), "database"),
    )
