"""Search use cases on the cluster: one class per use case, built with `elasticsearch.dsl`.

`ProcedureSearch` (the search API and page) has one `filter_<facet>()` per
facet and one `search()` composing them. The database answers the same use
case in `fallback.py`, completion is in `suggest.py`, and `service.py` picks
which one runs.

A text search reads the query through `understanding.QueryPlan` and sends
one or two requests: a probe (no aggregations, no highlighting) for the best
score, of the rescue reading (about half the words, typos forgiven) when the
query finds nothing as typed; then the page, with `min_score` at a share of
that score (the relevance floor), facets and highlighting. The probe is
skipped when the query's best score is remembered (`query_cache`: a minute,
forgotten when the catalogue changes, checked against the page's own top
score). "Did you mean" comes from the catalogue's own words (`spelling`).
A blank query lists the catalogue by name. Facet counts are remembered like
best scores.
"""

from __future__ import annotations

import math
from typing import Any

from elasticsearch.dsl import Q, Search

from search import documents, query_cache, spelling, synonyms
from search.backends import Engine
from search.forms import FACETS, SearchParams
from search.lexicon import lexicon
from search.results import SearchResults, cluster_facets, cluster_hit
from search.understanding import (
    MAX_VARIANTS,
    RELEVANCE_FLOOR,
    QueryPlan,
    Slot,
    plan_for,
    rescue_plan,
)

# Field weights: name > keywords > other names > result > the rest. A result
# must match its required words in the main fields; documents, steps,
# requirements and body only add to the score.
MAIN_FIELDS = [
    "name^6",
    "keywords^4",
    "other_names^3",
    "result^2",
    "sector_name^1.5",
    "agency_name^0.5",
    # Published answered questions: how citizens themselves name the case.
    "questions^0.3",
]
EXACT_FIELDS = [f"{f.split('^')[0]}.exact^{f.split('^')[1]}" for f in MAIN_FIELDS]
# Scoring adds the dossier documents; steps, requirements and body are mostly
# the same boilerplate in national data and cost more than they tell.
DOCUMENTS_BOOST = 1.5
PREFIX_FIELDS = ["name.suggest", "name.suggest._2gram", "name.suggest._3gram"]
HIGHLIGHT_FIELDS = ["name", "keywords", "result", "documents", "steps"]
SOURCE_FIELDS = [
    "code",
    "name",
    "url",
    "page_id",
    "language",
    "sector_name",
    "agency_name",
    "level",
    "online_service",
    "processing_time_days",
]
FACET_FIELDS = {
    "sector": ("sector", "sector_facet"),
    "agency": ("agency", "agency_facet"),
    "level": ("level", "level"),
    "online_service": ("online_service", "online_service"),
}
SEARCH_ANALYZER = "portal_search"  # folding + the thesaurus (documents.py)
CODE_BOOST = 100
# A remembered best score is trusted when the page's own top score is this
# close (scores are float32; a replica may differ in the last digits).
SCORE_TOLERANCE = 1e-5


class ProcedureSearch:
    """Full-text procedure search with facets, highlighting and "did you mean"."""

    def __init__(self, params: SearchParams):
        self.params = params
        self.language = params.locale if params.locale in documents.LANGUAGES else "vi"
        self.plan = plan_for(params.q, self.language)
        self.variants = [plan_for(v, self.language) for v in synonyms.expand(params.q)][
            :MAX_VARIANTS
        ]
        self.took = 0.0
        self._keys: dict[str, str] = {}

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

    @staticmethod
    def _slot(slot: Slot) -> Q:
        """One slot in the main fields: as typed with its diacritics (`exact`),
        through the thesaurus, or as a prefix when half typed."""
        if slot.exact:
            return Q(
                "multi_match",
                query=slot.text,
                type="cross_fields",
                fields=EXACT_FIELDS,
                operator="and",
            )
        whole = Q(
            "multi_match",
            query=slot.text,
            type="cross_fields",
            fields=MAIN_FIELDS,
            analyzer=SEARCH_ANALYZER,
            operator="and",
        )
        if len(slot.segment.words) > 2 and slot.segment.alternatives:
            # The words of a longer term need not be side by side ("khai thác
            # nước dưới đất" in "khai thác, sử dụng nước dưới đất"); two
            # syllables apart say too little ("nghỉ" ... "sinh").
            apart = Q(
                "multi_match",
                query=slot.text,
                type="cross_fields",
                fields=MAIN_FIELDS,
                operator="and",
            )
            whole = Q("bool", should=[whole, apart], minimum_should_match=1)
        if not slot.prefix:
            return whole
        # "giấy phép môi tr": the edge n-grams of the name's words.
        started = Q(
            "multi_match", query=slot.text, type="bool_prefix", fields=PREFIX_FIELDS
        )
        return Q("bool", should=[whole, started], minimum_should_match=1)

    def _required(self, plan: QueryPlan, rescue: bool) -> Q:
        """What a result must match: enough of the required slots, in main fields;
        in the rescue pass, or any one slot of two or more words."""
        slots = [self._slot(slot) for slot in plan.required_slots]
        options = [
            Q("bool", should=slots, minimum_should_match=plan.minimum_match(rescue))
        ]
        if rescue:
            options += [self._slot(slot) for slot in plan.strong_slots]
        return Q("bool", should=options, minimum_should_match=1)

    def _reading(self, plan: QueryPlan, rescue: bool, original: bool) -> Q:
        """One way of reading the query: required matching plus ranking boosts."""
        everything = " ".join(filter(None, (plan.core, plan.optional)))
        boosts = [
            # The required slots already scored their words (as typed and
            # through the thesaurus) in the main fields; ranking adds the
            # dossier documents and the optional words. (Scoring every word
            # over every field again cost a third of the engine's scoring time
            # and changed no ranking measurably: docs/benchmarks.md.)
            Q("match", documents={"query": everything, "boost": DOCUMENTS_BOOST}),
            Q("match_phrase", name={"query": plan.text, "slop": 2, "boost": 4}),
            Q("match_phrase", keywords={"query": plan.text, "slop": 1, "boost": 3}),
            Q("match_phrase", other_names={"query": plan.text, "slop": 1, "boost": 2}),
        ]
        if plan.optional:
            boosts.append(
                Q(
                    "multi_match",
                    query=plan.optional,
                    type="cross_fields",
                    fields=MAIN_FIELDS,
                )
            )
        if original and plan.diacritics:
            # Same diacritics as typed: ranks "Đăng ký" above a mere "dang ky".
            boosts += [
                Q("match", **{"name.exact": {"query": plan.text, "boost": 1.5}}),
                Q("match", **{"keywords.exact": {"query": plan.text, "boost": 1}}),
            ]
        return Q("bool", must=[self._required(plan, rescue)], should=boosts)

    def _codes(self) -> Q:
        clauses = []
        for code in self.plan.codes:
            clauses.append(Q("term", code={"value": code, "boost": CODE_BOOST}))
            clauses.append(
                Q("match", code_variants={"query": code, "boost": CODE_BOOST * 0.3})
            )
        return Q("bool", should=clauses, minimum_should_match=1)

    def text_query(self, rescue: bool = False) -> Q:
        """The scoring query: the words as typed, editors' synonyms, codes.

        The rescue reading repairs typos and asks for about half the words."""
        readings = []
        if self.plan.has_text and rescue:
            readings.append(self._reading(rescue_plan(self.plan), True, original=True))
        elif self.plan.has_text:
            readings.append(self._reading(self.plan, False, original=True))
            readings += [
                self._reading(v, False, original=False)
                for v in self.variants
                if v.has_text
            ]
        if self.plan.codes:
            readings.append(self._codes())
        return Q("dis_max", queries=readings, tie_breaker=0.3)

    @property
    def has_query(self) -> bool:
        return self.plan.has_text or bool(self.plan.codes)

    # Composition ------------------------------------------------------------

    def build(self, rescue: bool = False, min_score: float | None = None) -> Search:
        """The page request: query, facet filters as post_filter, aggregations."""
        params = self.params
        s = Search().extra(track_total_hits=True).source(SOURCE_FIELDS)
        if self.has_query:
            s = s.query(self.text_query(rescue))
            if min_score is not None:
                s = s.extra(min_score=min_score)
            # The words as typed mark the snippet: far cheaper than re-running
            # the whole scoring query (thesaurus, phrases) on every hit.
            marked = Q(
                "multi_match",
                query=" ".join(filter(None, (self.plan.text, *self.plan.codes))),
                fields=HIGHLIGHT_FIELDS,
            )
            s = s.highlight_options(
                pre_tags=["<mark>"],
                post_tags=["</mark>"],
                encoder="html",
                fragment_size=160,
                number_of_fragments=1,
                no_match_size=0,
                highlight_query=marked.to_dict(),
            ).highlight(*HIGHLIGHT_FIELDS)
        else:
            s = s.sort("sort_name", "code")
        filters = self.filters()
        if filters:
            s = s.post_filter("bool", filter=filters)
        if self._cached_facets() is None:
            for facet in FACETS:
                field_name = FACET_FIELDS[facet][1]
                others = self.filters(skip=facet)
                if others:
                    s.aggs.bucket(
                        facet, "filter", filter=Q("bool", filter=others)
                    ).bucket("values", "terms", field=field_name, size=200)
                else:
                    s.aggs.bucket(facet, "terms", field=field_name, size=200)
        start = (params.page - 1) * params.page_size
        return s[start : start + params.page_size]

    @property
    def _index(self) -> str:
        return documents.alias_name(self.language)

    def _key(self, kind: str) -> str:
        # Computed once per search: with Redis, each key costs a round trip
        # for the catalogue's generation.
        if kind not in self._keys:
            readings = [variant.q for variant in self.variants]
            self._keys[kind] = query_cache.query_key(
                kind, self._index, self.params, readings
            )
        return self._keys[kind]

    def _run(self, engine: Engine, body: dict[str, Any]) -> dict[str, Any]:
        answer = engine.search(self._index, body)
        self.took += float(answer.get("took", 0))
        return answer

    def best_score(self, engine: Engine, rescue: bool) -> float | None:
        """The top score of a reading, or None when nothing matches."""
        query = Q("bool", must=[self.text_query(rescue)], filter=self.filters())
        body = {
            "query": query.to_dict(),
            "size": 1,
            "_source": False,
            "track_total_hits": False,
        }
        hits = self._run(engine, body)["hits"]
        return hits.get("max_score") if hits.get("hits") else None

    def probe(self, engine: Engine) -> tuple[bool, float | None]:
        """(rescue, best score): the reading that finds something and its top
        score; None when not even the rescue reading finds anything."""
        best = self.best_score(engine, rescue=False)
        if best is None and self.plan.has_text:
            return True, self.best_score(engine, rescue=True)
        return False, best

    def _page(self, engine: Engine, rescue: bool, best: float) -> dict[str, Any]:
        body = self.build(rescue, best * RELEVANCE_FLOOR).to_dict()
        return self._run(engine, body)

    def _scored_page(self, engine: Engine) -> dict[str, Any] | None:
        """The page of a text search at the relevance floor; None when nothing
        matches.

        A best score remembered for this query (`query_cache`) saves the probe.
        The page's own `max_score` is its true best score whenever anything
        is above the remembered floor, so a remembered score the catalogue has
        since changed is noticed: the page is asked again at the right floor,
        or, when nothing is left above the old one, probed afresh."""
        key = self._key("best")
        known = query_cache.get(key)
        if known is not None:
            rescue, best = known
            if best is None:
                return None
            answer = self._page(engine, rescue, best)
            top = answer["hits"].get("max_score")
            if _count(answer) and top is not None:
                if not math.isclose(top, best, rel_tol=SCORE_TOLERANCE):
                    query_cache.put(key, (rescue, top))
                    answer = self._page(engine, rescue, top)
                return answer
        rescue, best = self.probe(engine)
        query_cache.put(key, (rescue, best))
        return None if best is None else self._page(engine, rescue, best)

    def search(self, engine: Engine) -> SearchResults:
        """Run on the cluster; raises EngineUnavailable/EngineError on failure."""
        if self.has_query:
            answer = self._scored_page(engine)
            if answer is None:
                return self._empty(engine)
        else:
            answer = self._run(engine, self.build().to_dict())
        count = _count(answer)
        facets = self._facets(answer)
        suggestion = ""
        if self.plan.has_text and self.params.page == 1:
            suggestion = spelling.did_you_mean(
                self.plan.words, lexicon(self.language), count
            )
        return SearchResults(
            query=self.params.q,
            count=count,
            page=self.params.page,
            page_size=self.params.page_size,
            backend=engine.name,
            results=[
                cluster_hit(raw, HIGHLIGHT_FIELDS) for raw in answer["hits"]["hits"]
            ],
            facets=facets,
            suggestion=suggestion,
            timings={"engine": self.took},
        )

    def _empty(self, engine: Engine) -> SearchResults:
        return SearchResults(
            query=self.params.q,
            count=0,
            page=self.params.page,
            page_size=self.params.page_size,
            backend=engine.name,
            results=[],
            facets={facet: [] for facet in FACETS},
            timings={"engine": self.took},
        )

    # Facets -----------------------------------------------------------------

    def _cached_facets(self) -> dict[str, list[dict[str, Any]]] | None:
        # A facet count a minute old is fine (see query_cache).
        return query_cache.get(self._key("facets"))

    def _facets(self, answer: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        if "aggregations" not in answer:
            return self._cached_facets() or {facet: [] for facet in FACETS}
        facets = cluster_facets(answer["aggregations"], self.language)
        # A search's counts change only with the catalogue: popular searches
        # and the blank listing skip the aggregations for a minute.
        query_cache.put(self._key("facets"), facets)
        return facets


def _count(answer: dict[str, Any]) -> int:
    total = answer["hits"]["total"]
    return total["value"] if isinstance(total, dict) else int(total)
