"""Completion as people type (GET /api/procedures/suggest/), on both backends.

`ProcedureSuggest` asks the cluster: names by prefix (the `search_as_you_type`
sub-field), keywords, and codes. `DatabaseProcedureSuggest` answers the same
from `ProcedureSearchText`: names and keywords starting like the text.
`service.suggest_procedures()` picks one.
"""

from django.db.models import Case, Q, Value, When
from elasticsearch.dsl import Q as EQ
from elasticsearch.dsl import Search

from search import documents
from search.backends import Engine
from search.models import ProcedureSearchText
from search.queries import PREFIX_FIELDS
from search.text import search_tokens
from search.understanding import extract_codes


class ProcedureSuggest:
    """Completion as people type: names by prefix, and codes."""

    def __init__(self, q: str, locale: str = "vi", size: int = 10):
        self.q = q.strip()
        self.language = locale if locale in documents.LANGUAGES else "vi"
        self.size = size

    def build(self) -> Search:
        should = [
            EQ(
                "multi_match",
                query=self.q,
                type="bool_prefix",
                fields=PREFIX_FIELDS,
                operator="and",
            ),
            EQ("match_phrase_prefix", keywords={"query": self.q, "boost": 0.5}),
        ]
        for code in extract_codes(self.q)[0]:
            should.append(EQ("match", code_variants={"query": code, "boost": 10}))
        return (
            Search()
            .query(EQ("bool", should=should, minimum_should_match=1))
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
        for code in extract_codes(self.q)[0]:
            condition |= Q(code_folded__contains=" " + code)
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
