"""The database fallback: the same search as the cluster, from `ProcedureSearchText`.

Used when ELASTICSEARCH_URL is unset or the cluster does not answer (see
`service.py`). The query is read by the same `understanding.QueryPlan` and
thesaurus as on the cluster. Text was folded when it was written, so matching
is diacritic-insensitive `LIKE '% phrase %'` on space-padded lines, on SQLite
and PostgreSQL alike; on PostgreSQL trigram indexes (migration 0005) make
those `LIKE`s index scans.

SQL finds the rows whose main text (name, keywords, other-language names,
result/sector/agency) holds enough of the required slots, and says for each
slot the best field it was found in. Python then scores like BM25 in
miniature (field weight x rarity of the slot), applies the same relevance
floor as the cluster, and counts the facets.
"""

from __future__ import annotations

import math
from collections import Counter
from decimal import Decimal
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from search import spelling, synonyms
from search.forms import FACETS, SearchParams
from search.highlight import mark, snippet
from search.lexicon import Lexicon, lexicon
from search.models import ProcedureSearchText
from search.results import Hit, SearchResults, choice_label, sorted_facet
from search.text import code_variants, exact_token, iy_variants, search_tokens
from search.understanding import (
    MAX_VARIANTS,
    RELEVANCE_FLOOR,
    QueryPlan,
    Slot,
    plan_for,
    rescue_plan,
)

# Where a slot was found, best first, and what that is worth.
# (The other text, `text_folded`, is not looked at: boilerplate steps and
# documents that cost a long LIKE on every row and say little.)
FIELDS = (
    ("name_folded", 5, 6.0),
    ("keywords_folded", 4, 4.0),
    ("other_folded", 3, 3.0),
    ("summary_folded", 2, 2.0),
)
MAIN = 2  # a slot counts as matched when found in a field of this rank or better
PHRASE_BONUS = 1.5  # the required words as a phrase in the name
NAME_RANK = 5
NAME_B = 0.5  # how much a long name weakens a match in it (BM25's b)
CODE_EXACT, CODE_PREFIX = 1000.0, 300.0
FACET_COLUMNS = {
    "sector": "sector_slug",
    "agency": "agency_slug",
    "level": "level",
    "online_service": "online_service",
}
LABEL_COLUMNS = {"sector": "sector_name", "agency": "agency_name"}


def _patterns(slot: Slot, words: Lexicon) -> list[str]:
    """LIKE patterns of a slot: its own words, and each alternative phrase the
    catalogue can contain at all (the others would only cost a LIKE per row);
    a half-typed last word as a prefix."""
    own, *alternatives = slot.phrases
    patterns = [f" {own}" if slot.prefix else f" {own} "]
    patterns += [f" {p} " for p in alternatives if words.may_contain(p)]
    return patterns


def _found_in(column: str, patterns: list[str], apart: list[str] = ()) -> Q:
    """Any pattern in `column`; or, with `apart`, all those words anywhere in it."""
    condition = Q()
    for pattern in patterns:
        condition |= Q(**{f"{column}__contains": pattern})
    if apart:
        every = Q()
        for word in apart:
            every &= Q(**{f"{column}__contains": f" {word} "})
        condition |= every
    return condition


def _apart(slot: Slot) -> list[str]:
    """The words of a thesaurus term of three or more words, matched apart too."""
    if len(slot.segment.words) > 2 and slot.segment.alternatives and not slot.prefix:
        return slot.segment.folded.split()
    return []


def _exact_patterns(slot: Slot) -> list[str]:
    """The slot's word as typed, in the exact form (both i/y spellings)."""
    return [f" {exact_token(v)} " for v in iy_variants(slot.text)]


def _slot_rank(slot: Slot, words: Lexicon) -> Case:
    """The rank of the best field holding the slot (0: nowhere)."""
    patterns, apart = _patterns(slot, words), _apart(slot)
    return Case(
        *[
            When(_found_in(column, patterns, apart), then=Value(rank))
            for column, rank, _ in FIELDS
        ],
        default=Value(0),
        output_field=IntegerField(),
    )


def rarity(slot: Slot, words: Lexicon) -> float:
    """An IDF-like weight: rare phrases count more than common ones."""
    share = max((words.share(p) for p in slot.phrases), default=0.0)
    return math.log(1 + 1 / (share + 0.01))


class _Reading:
    """One reading of the query (as typed, or an editor's synonym variant) in SQL."""

    def __init__(self, plan: QueryPlan, prefix: str, words: Lexicon, rescue: bool):
        self.plan = plan
        self.prefix = prefix
        self.words = words
        self.slots = plan.slots
        self.weights = [rarity(slot, words) for slot in self.slots]
        self.minimum = plan.minimum_match(rescue)
        self.rescue = rescue
        required = plan.required_slots
        self.phrase = (
            " ".join(s.segment.folded for s in required) if len(required) > 1 else ""
        )

    def _matched(self, i: int, slot: Slot) -> Case:
        found = Q(**{f"{self.prefix}{i}__gte": MAIN})
        if slot.exact:
            found &= _found_in("main_exact", _exact_patterns(slot))
        return Case(
            When(found, then=Value(1)), default=Value(0), output_field=IntegerField()
        )

    def annotations(self) -> dict[str, Any]:
        names = {
            f"{self.prefix}{i}": _slot_rank(s, self.words)
            for i, s in enumerate(self.slots)
        }
        matched = [
            self._matched(i, slot) for i, slot in enumerate(self.slots) if slot.required
        ]
        total = matched[0] if matched else Value(0, output_field=IntegerField())
        for part in matched[1:]:
            total = total + part
        names[f"{self.prefix}m"] = total
        return names

    def condition(self) -> Q:
        condition = Q(**{f"{self.prefix}m__gte": max(self.minimum, 1)})
        if self.rescue:
            for i, slot in enumerate(self.slots):
                if slot in self.plan.strong_slots:
                    condition |= Q(**{f"{self.prefix}{i}__gte": MAIN})
        return condition

    def passes(self, row: dict[str, Any]) -> bool:
        if row.get(f"{self.prefix}m", 0) >= max(self.minimum, 1):
            return True
        return self.rescue and any(
            row[f"{self.prefix}{i}"] >= MAIN
            for i, slot in enumerate(self.slots)
            if slot in self.plan.strong_slots
        )

    def prefilter(self) -> Q:
        """Rows that may match, as indexes can find them: a row holding
        `minimum` of n required slots holds at least one of any n - minimum + 1
        of them, so the rarest ones are enough (fewer rows to look at)."""
        required = sorted(
            self.plan.required_slots,
            key=lambda slot: self.weights[self.slots.index(slot)],
            reverse=True,
        )
        if not self.rescue:
            required = required[: len(required) - max(self.minimum, 1) + 1]
        condition = Q()
        for slot in required:
            patterns, apart = _patterns(slot, self.words), _apart(slot)
            for column, rank, _ in FIELDS:
                if rank >= MAIN:
                    condition |= _found_in(column, patterns, apart)
        return condition

    def score(self, row: dict[str, Any], name_norm: float) -> float:
        """Field weight x rarity per slot; name matches shrink as names grow
        (BM25's length normalisation); the required words together in the
        name as typed add a bonus."""
        if not self.passes(row):
            return 0.0
        weight = {rank: value for _, rank, value in FIELDS}
        total = 0.0
        for i in range(len(self.slots)):
            rank = row[f"{self.prefix}{i}"]
            value = weight.get(rank, 0.0) * self.weights[i]
            total += value * name_norm if rank == NAME_RANK else value
        if self.phrase and f" {self.phrase} " in row["name_folded"]:
            total *= PHRASE_BONUS
        return total


class DatabaseProcedureSearch:
    """`ProcedureSearch` answered by the database."""

    def __init__(self, params: SearchParams):
        self.params = params
        self.language = params.locale
        self.words = lexicon(self.language)
        self.plan = plan_for(params.q, self.language)
        self.variants = [plan_for(v, self.language) for v in synonyms.expand(params.q)][
            :MAX_VARIANTS
        ]

    def base(self) -> QuerySet[ProcedureSearchText]:
        return ProcedureSearchText.objects.filter(locale__language_code=self.language)

    def filter_sector(self, qs: QuerySet) -> QuerySet:
        values = self.params.sector
        return qs.filter(sector_slug__in=values) if values else qs

    def filter_agency(self, qs: QuerySet) -> QuerySet:
        values = self.params.agency
        return qs.filter(agency_slug__in=values) if values else qs

    def filter_level(self, qs: QuerySet) -> QuerySet:
        values = self.params.level
        return qs.filter(level__in=values) if values else qs

    def filter_online_service(self, qs: QuerySet) -> QuerySet:
        values = self.params.online_service
        return qs.filter(online_service__in=values) if values else qs

    @property
    def has_query(self) -> bool:
        return self.plan.has_text or bool(self.plan.codes)

    def _code_rank(self) -> tuple[dict[str, Any], Q]:
        whens, condition = [], Q()
        for code in self.plan.codes:
            exact = Q(code__iexact=code)
            prefix = Q(code_folded__contains=f" {code}")
            whens += [When(exact, then=Value(2)), When(prefix, then=Value(1))]
            condition |= exact | prefix
        rank = Case(*whens, default=Value(0), output_field=IntegerField())
        return {"code_rank": rank}, condition

    def _rows(self, rescue: bool) -> tuple[list[dict[str, Any]], list[_Reading]]:
        """Matching rows with what scoring needs, and the readings used."""
        readings: list[_Reading] = []
        if self.plan.has_text:
            plans = [self.plan] + [v for v in self.variants if v.has_text]
            if rescue:
                plans = [rescue_plan(self.plan)]
            readings = [
                _Reading(plan, f"r{n}_", self.words, rescue)
                for n, plan in enumerate(plans)
            ]
        annotations: dict[str, Any] = {}
        prefilter, condition = Q(), Q()
        for reading in readings:
            annotations.update(reading.annotations())
            prefilter |= reading.prefilter()
            condition |= reading.condition()
        if self.plan.codes:
            code_annotation, code_condition = self._code_rank()
            annotations.update(code_annotation)
            prefilter |= code_condition
            condition |= Q(code_rank__gt=0)
        columns = ["id", "sort_name", "name_folded", *FACET_COLUMNS.values()]
        columns += [*LABEL_COLUMNS.values(), *annotations]
        qs = self.base().filter(prefilter).annotate(**annotations).filter(condition)
        return list(qs.values(*columns)), readings

    def _scored(self) -> list[tuple[float, dict[str, Any]]]:
        rows, readings = self._rows(rescue=False)
        if not rows and self.plan.has_text:
            rows, readings = self._rows(rescue=True)
        average = self.words.average_name_length or 1.0
        scored = []
        for row in rows:
            length = len(row["name_folded"].split())
            norm = 1.0 / (1 - NAME_B + NAME_B * length / average)
            score = max((r.score(row, norm) for r in readings), default=0.0)
            rank = row.get("code_rank", 0)
            score += CODE_EXACT if rank == 2 else CODE_PREFIX if rank == 1 else 0.0
            if score > 0:
                scored.append((score, row))
        if scored:
            floor = max(s for s, _ in scored) * RELEVANCE_FLOOR
            scored = [(s, r) for s, r in scored if s >= floor]
        scored.sort(key=lambda item: (-item[0], item[1]["sort_name"]))
        return scored

    def search(self) -> SearchResults:
        params = self.params
        if self.has_query:
            rows = [row for _, row in self._scored()]
        else:
            columns = ["id", *FACET_COLUMNS.values(), *LABEL_COLUMNS.values()]
            rows = list(self.base().order_by("sort_name", "code").values(*columns))
        facets = self._facets(rows)
        selected = [r for r in rows if self._passes(r)]
        start = (params.page - 1) * params.page_size
        page_ids = [r["id"] for r in selected[start : start + params.page_size]]
        by_id = {
            row.id: row for row in ProcedureSearchText.objects.filter(id__in=page_ids)
        }
        tokens = search_tokens(" ".join(p for s in self.plan.slots for p in s.phrases))
        tokens += [t for code in self.plan.codes for t in code_variants(code)]
        hits = [self._hit(by_id[i], tokens) for i in page_ids if i in by_id]
        suggestion = ""
        if self.plan.has_text and params.page == 1:
            suggestion = spelling.did_you_mean(
                self.plan.words, self.words, len(selected)
            )
        return SearchResults(
            query=params.q,
            count=len(selected),
            page=params.page,
            page_size=params.page_size,
            backend="database",
            results=hits,
            facets=facets,
            suggestion=suggestion,
        )

    def _passes(self, row: dict[str, Any], skip: str | None = None) -> bool:
        for facet, column in FACET_COLUMNS.items():
            values = self.params.selected(facet)
            if facet != skip and values and row[column] not in values:
                return False
        return True

    def _facets(self, rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
        facets: dict[str, list[dict[str, Any]]] = {}
        for facet in FACETS:
            column = FACET_COLUMNS[facet]
            counts: Counter[str] = Counter()
            labels: dict[str, str] = {}
            for row in rows:
                if self._passes(row, skip=facet):
                    counts[row[column]] += 1
                    if facet in LABEL_COLUMNS:
                        labels[row[column]] = row[LABEL_COLUMNS[facet]]
            facets[facet] = sorted_facet(
                [
                    {
                        "value": value,
                        "label": labels.get(value)
                        or choice_label(facet, value, self.language),
                        "count": count,
                    }
                    for value, count in counts.items()
                ]
            )
        return facets

    def _hit(self, row: ProcedureSearchText, tokens: list[str]) -> Hit:
        return Hit(
            code=row.code,
            name=row.name,
            url=row.url,
            sector=row.sector_name,
            agency=row.agency_name,
            level=row.level,
            online_service=row.online_service,
            processing_time_days=_number(row.processing_time_days),
            highlight=snippet(row.highlight_source, tokens) or mark(row.name, tokens),
            page_id=row.page_id,
            language=row.text_language,
        )


def _number(value: Decimal | None) -> float | None:
    if value is None:
        return None
    return float(value)
