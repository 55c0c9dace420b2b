"""The database fallback: the same answers as the cluster, from `ProcedureSearchText`.

Used when ELASTICSEARCH_URL is unset, or the cluster is down (circuit breaker
open). Text was folded when it was written (`indexing.write_search_text`), so
matching is diacritic-insensitive with plain `LIKE` on space-padded words, on
SQLite and PostgreSQL alike. Scoring mirrors the cluster's field weights:
name > keywords (and other-language names) > the rest; a phrase match and an
exact code match add more. Synonyms come from the same editor list.
"""

import difflib
import html
import math
import re
import time
from collections import Counter
from decimal import Decimal
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Greatest

from search import synonyms
from search.forms import FACETS, SearchParams
from search.models import ProcedureSearchText
from search.queries import Hit, SearchResults, choice_label
from search.text import fold_char, looks_like_code, search_tokens, significant_tokens

NAME, KEYWORDS, OTHER = 6, 4, 1
PHRASE_NAME, PHRASE_KEYWORDS = 12, 8
CODE_EXACT, CODE_PREFIX = 1000, 300
FACET_COLUMNS = {
    "sector": "sector_slug",
    "agency": "agency_slug",
    "level": "level",
    "online_service": "online_service",
}
LABEL_COLUMNS = {"sector": "sector_name", "agency": "agency_name"}


def required_matches(count: int) -> int:
    """Same rule as the cluster's minimum_should_match "2<75%"."""
    return count if count <= 2 else math.floor(count * 0.75)


class _Alternative:
    """One reading of the query (original or a synonym variant) as SQL expressions."""

    def __init__(self, text: str, language: str, prefix_last: bool):
        self.tokens = significant_tokens(text, language)
        self.phrase = " ".join(search_tokens(text))
        self.prefix_last = prefix_last

    def _patterns(self) -> list[str]:
        patterns = [f" {t} " for t in self.tokens]
        if self.prefix_last and patterns:
            patterns[-1] = patterns[-1].rstrip()
        return patterns

    def score(self):
        parts: list[Any] = []
        for pattern in self._patterns():
            parts.append(
                Case(
                    When(name_folded__contains=pattern, then=Value(NAME)),
                    default=Value(0),
                )
            )
            parts.append(
                Case(
                    When(keywords_folded__contains=pattern, then=Value(KEYWORDS)),
                    default=Value(0),
                )
            )
            parts.append(
                Case(
                    When(text_folded__contains=pattern, then=Value(OTHER)),
                    default=Value(0),
                )
            )
        if len(self.tokens) > 1 and self.phrase:
            parts.append(
                Case(
                    When(
                        name_folded__contains=f" {self.phrase}", then=Value(PHRASE_NAME)
                    ),
                    default=Value(0),
                )
            )
            parts.append(
                Case(
                    When(
                        keywords_folded__contains=f" {self.phrase}",
                        then=Value(PHRASE_KEYWORDS),
                    ),
                    default=Value(0),
                )
            )
        return _sum(parts)

    def matched(self):
        parts = [
            Case(
                When(
                    Q(name_folded__contains=p)
                    | Q(keywords_folded__contains=p)
                    | Q(text_folded__contains=p),
                    then=Value(1),
                ),
                default=Value(0),
            )
            for p in self._patterns()
        ]
        return _sum(parts)

    @property
    def required(self) -> int:
        return required_matches(len(self.tokens))


def _sum(parts: list[Any]):
    if not parts:
        return Value(0, output_field=IntegerField())
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


class DatabaseProcedureSearch:
    """`ProcedureSearch` answered by the database."""

    def __init__(self, params: SearchParams):
        self.params = params
        self.language = params.locale

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

    def text_filter(self, qs: QuerySet) -> QuerySet:
        """Rows matching the text, annotated with `score`."""
        q = self.params.q
        prefix_last = bool(q) and not q.endswith(" ")
        alternatives = [_Alternative(q, self.language, prefix_last)] + [
            _Alternative(v, self.language, False) for v in synonyms.expand(q)
        ]
        alternatives = [a for a in alternatives if a.tokens]
        annotations: dict[str, Any] = {}
        condition = Q()
        scores = []
        for i, alt in enumerate(alternatives):
            annotations[f"m{i}"] = alt.matched()
            annotations[f"s{i}"] = alt.score()
            condition |= Q(**{f"m{i}__gte": max(alt.required, 1)})
            scores.append(f"s{i}")
        if looks_like_code(q):
            code = q.strip().lower()
            annotations["sc"] = Case(
                When(code__iexact=code, then=Value(CODE_EXACT)),
                When(code_folded__contains=f" {code}", then=Value(CODE_PREFIX)),
                default=Value(0),
            )
            condition |= Q(sc__gt=0)
            scores.append("sc")
        if not scores:
            return qs.none()
        qs = qs.annotate(**annotations).filter(condition)
        score = Greatest(*scores) if len(scores) > 1 else annotations[scores[0]]
        return qs.annotate(score=score)

    def search(self) -> SearchResults:
        params = self.params
        has_text = bool(search_tokens(params.q)) or looks_like_code(params.q)
        qs = self.text_filter(self.base()) if has_text else self.base()
        order = ("-score", "sort_name") if has_text else ("sort_name", "code")
        columns = ["id", *FACET_COLUMNS.values(), *LABEL_COLUMNS.values()]
        rows = list(qs.order_by(*order).values(*columns))
        facets = self._facets(rows)
        selected = [r for r in rows if self._passes(r)]
        start = (params.page - 1) * params.page_size
        page_ids = [r["id"] for r in selected[start : start + params.page_size]]
        by_id = {
            row.id: row for row in ProcedureSearchText.objects.filter(id__in=page_ids)
        }
        tokens = search_tokens(params.q)
        hits = [self._hit(by_id[i], tokens) for i in page_ids if i in by_id]
        suggestion = ""
        if has_text and params.page == 1 and not looks_like_code(params.q):
            suggestion = did_you_mean(params.q, self.language)
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
            entries = [
                {
                    "value": value,
                    "label": labels.get(value)
                    or choice_label(facet, value, self.language),
                    "count": count,
                }
                for value, count in counts.items()
            ]
            facets[facet] = sorted(entries, key=lambda e: (-e["count"], e["label"]))
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
        )


def _number(value: Decimal | None) -> float | None:
    if value is None:
        return None
    return float(value)


# Highlighting ---------------------------------------------------------------


def _token_pattern(tokens: list[str]) -> re.Pattern | None:
    alternatives = []
    for token in sorted(set(tokens), key=len, reverse=True):
        if len(token) < 2 and not token.isdigit():
            continue
        escaped = re.escape(token)
        if token.endswith("i"):
            escaped = escaped[:-1] + "[iy]"
        alternatives.append(escaped)
    if not alternatives:
        return None
    return re.compile(r"(?<![0-9a-z])(" + "|".join(alternatives) + r")(?![0-9a-z])")


def _folded_same_length(text: str) -> str:
    return "".join(fold_char(ch) for ch in text)


def mark(text: str, tokens: list[str]) -> str:
    """HTML-escaped `text` with matching words wrapped in <mark>."""
    pattern = _token_pattern(tokens)
    if not text or pattern is None:
        return ""
    folded_text = _folded_same_length(text)
    out, last = [], 0
    found = False
    for match in pattern.finditer(folded_text):
        found = True
        out.append(html.escape(text[last : match.start()]))
        out.append(f"<mark>{html.escape(text[match.start() : match.end()])}</mark>")
        last = match.end()
    if not found:
        return ""
    out.append(html.escape(text[last:]))
    return "".join(out)


def snippet(text: str, tokens: list[str], size: int = 160) -> str:
    """The line of `text` with most matching words, cut to about `size` characters."""
    pattern = _token_pattern(tokens)
    if not text or pattern is None:
        return ""
    best, best_count = "", 0
    for line in text.splitlines():
        count = len(
            set(m.group(0) for m in pattern.finditer(_folded_same_length(line)))
        )
        if count > best_count:
            best, best_count = line, count
    if not best_count:
        return ""
    if len(best) > size:
        first = pattern.search(_folded_same_length(best))
        start = max(0, (first.start() if first else 0) - size // 3)
        best = ("…" if start else "") + best[start : start + size] + "…"
    return mark(best, tokens)


# Did you mean ---------------------------------------------------------------

_vocabulary: dict[str, tuple[float, Counter[str]]] = {}
VOCABULARY_TTL = 300.0


def forget_vocabulary() -> None:
    """Drop the cached words (after the search text changed)."""
    _vocabulary.clear()


def vocabulary(language: str) -> Counter[str]:
    """Folded words of procedure names and keywords in `language`, with their
    frequencies (cached for a few minutes)."""
    cached = _vocabulary.get(language)
    if cached and time.monotonic() - cached[0] < VOCABULARY_TTL:
        return cached[1]
    words: Counter[str] = Counter()
    rows = ProcedureSearchText.objects.filter(locale__language_code=language)
    for name, keywords in rows.values_list("name_folded", "keywords_folded"):
        words.update(name.split())
        words.update(keywords.split())
    _vocabulary[language] = (time.monotonic(), words)
    return words


def did_you_mean(q: str, language: str) -> str:
    """A corrected query when a word is unknown but close to a known one."""
    words = vocabulary(language)
    tokens = search_tokens(q)
    corrected, changed = [], False
    for token in tokens:
        if len(token) >= 3 and token not in words and not token.isdigit():
            close = difflib.get_close_matches(token, words.keys(), n=5, cutoff=0.75)
            if close:
                # Among equally close words, the commoner one is the likelier intent.
                corrected.append(
                    max(
                        close,
                        key=lambda w: (
                            difflib.SequenceMatcher(None, token, w).ratio(),
                            words[w],
                        ),
                    )
                )
                changed = True
                continue
        corrected.append(token)
    return " ".join(corrected) if changed else ""


class DatabaseProcedureSuggest:
    """`ProcedureSuggest` answered by the database: names starting like the text."""

    def __init__(self, q: str, locale: str = "vi", size: int = 10):
        self.q = q.strip()
        self.language = locale
        self.size = size

    def suggest(self) -> list[dict[str, str]]:
        tokens = search_tokens(self.q)
        if not tokens:
            return []
        phrase = " " + " ".join(tokens)
        condition = Q(name_folded__contains=phrase) | Q(
            keywords_folded__contains=phrase
        )
        if looks_like_code(self.q):
            condition |= Q(code_folded__contains=" " + self.q.lower())
        rows = (
            ProcedureSearchText.objects.filter(locale__language_code=self.language)
            .filter(condition)
            .annotate(
                rank=Case(
                    When(name_folded__startswith=phrase, then=Value(0)),
                    When(name_folded__contains=phrase, then=Value(1)),
                    default=Value(2),
                )
            )
            .order_by("rank", "sort_name")
            .values("code", "name", "url")[: self.size]
        )
        return [dict(row) for row in rows]
