"""Index definitions: one procedure index per locale, built with `elasticsearch.dsl`.

The DSL is used as a builder only (`Index.to_dict()`); adapters in
`search/backends/` send the result with the engine's own client.

Every text field is analysed by `portal_text` (lower case, diacritics folded
with đ→d, i/y spelling normalised; English stemming in the English index) and
most carry an `exact` sub-field that keeps diacritics, so "Đăng ký" ranks a
page written "Đăng ký" above one that only matches "dang ky". Names also get a
`search_as_you_type` sub-field for completion and a shingle sub-field for "did
you mean". Codes have a keyword form and an edge-n-gram form of their
variants ("1.004227", "004227", "1004227"), so "004227" and "1.0042" match.
"""

from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from elasticsearch.dsl import (
    Document,
    Float,
    Index,
    Integer,
    Keyword,
    SearchAsYouType,
    Text,
    analyzer,
    char_filter,
    normalizer,
    token_filter,
)

from search.text import EXACT_IY, EXACT_IY_PREFIX, EXACT_TONE_MAP, IY_PATTERN
from search.thesaurus import thesaurus

LANGUAGES = ("vi", "en")
PROCEDURES = "procedures"

# Analysis chain pieces (names are referenced by the fields below).
vi_iy = token_filter(
    "portal_iy", "pattern_replace", pattern=IY_PATTERN, replacement="$1i"
)
code_edge = token_filter("portal_code_edge", "edge_ngram", min_gram=2, max_gram=32)
name_shingle = token_filter(
    "portal_shingle", "shingle", min_shingle_size=2, max_shingle_size=3
)
en_possessive = token_filter(
    "portal_en_possessive", "stemmer", language="possessive_english"
)
en_stem = token_filter("portal_en_stem", "stemmer", language="light_english")
lowercase = normalizer("portal_lowercase", filter=["lowercase"])
# The exact form of search/text.py `exact_token()`: same tone placement and
# i/y spelling on both sides, diacritics kept.
exact_tones = char_filter(
    "portal_exact_tones",
    "mapping",
    mappings=[
        f"{old} => {new}"
        for pair, target in EXACT_TONE_MAP.items()
        for old, new in (
            (pair, target),
            (pair[0].upper() + pair[1], target[0].upper() + target[1]),
        )
    ],
)
exact_iy = [
    token_filter(
        f"portal_exact_iy_{i}",
        "pattern_replace",
        pattern=EXACT_IY_PREFIX + y + "$",
        replacement="$1" + plain,
    )
    for i, (y, plain) in enumerate(EXACT_IY.items())
]


def thesaurus_filter():
    """The shipped thesaurus as a search-time `synonym_graph` (see thesaurus.py).

    It runs before folding, so one-syllable terms match only with their own
    diacritics ("mở" is not "mỏ"). `updateable` marks it search-time only;
    `manage.py search_index reload` swaps in a new list without downtime.
    """
    return token_filter(
        "portal_thesaurus",
        "synonym_graph",
        synonyms=thesaurus().synonym_rules(),
        lenient=True,
        updateable=True,
    )


def text_analyzer(language: str, name: str = "portal_text", synonyms: bool = False):
    """Lower case + diacritic folding (+ English stemming for "en"); with
    `synonyms`, the thesaurus first (the search-time analyser).

    No stop words: function words are left out of the required words by query
    understanding instead, so index and query see the same positions."""
    filters: list[Any] = ["lowercase"]
    if synonyms:
        filters.append(thesaurus_filter())
    filters += ["asciifolding", vi_iy]
    if language == "en":
        filters += [en_possessive, en_stem]
    return analyzer(name, tokenizer="standard", filter=filters)


def analyzers(language: str) -> list[Any]:
    return [
        text_analyzer(language),
        text_analyzer(language, "portal_search", synonyms=True),
        analyzer(
            "portal_exact",
            tokenizer="standard",
            char_filter=[exact_tones],
            filter=["lowercase", *exact_iy],
        ),
        analyzer("portal_code", tokenizer="keyword", filter=["lowercase", code_edge]),
        analyzer("portal_code_search", tokenizer="keyword", filter=["lowercase"]),
        analyzer(
            "portal_shingle",
            tokenizer="standard",
            filter=["lowercase", "asciifolding", vi_iy, name_shingle],
        ),
    ]


def _text(exact: bool = False, highlight: bool = False, **extra_fields: Any) -> Text:
    """A folded text field; `highlight` stores offsets so the unified
    highlighter reads postings instead of re-analysing the text (much faster
    on long fields such as documents and steps)."""
    fields = dict(extra_fields)
    if exact:
        fields["exact"] = Text(analyzer="portal_exact")
    options: dict[str, Any] = {"analyzer": "portal_text"}
    if fields:
        options["fields"] = fields
    if highlight:
        options["index_options"] = "offsets"
    return Text(**options)


class ProcedureDocument(Document):
    """One procedure in one locale (the source page's text while untranslated)."""

    translation_key = Keyword()
    page_id = Integer()
    locale = Keyword()
    language = Keyword()  # language of the text: "vi" for an untranslated page
    code = Keyword(normalizer="portal_lowercase")
    code_variants = Text(analyzer="portal_code", search_analyzer="portal_code_search")
    name = _text(
        exact=True,
        highlight=True,
        suggest=SearchAsYouType(analyzer="portal_text", max_shingle_size=3),
        shingle=Text(analyzer="portal_shingle"),
    )
    sort_name = Keyword()
    other_names = _text(exact=True)
    keywords = _text(highlight=True, exact=True)
    sector = Keyword()
    sector_name = _text(exact=True)
    sector_facet = Keyword()
    agency = Keyword()
    agency_name = _text(exact=True)
    agency_facet = Keyword()
    level = Keyword()
    online_service = Keyword()
    processing_time_days = Float()
    result = _text(highlight=True, exact=True)
    documents = _text(highlight=True, exact=True)
    steps = _text(highlight=True)
    requirements = _text()
    body = _text(highlight=True)
    # Published answered questions about the procedure (portal.questions).
    questions = _text(exact=True)
    url = Keyword(index=False)


def alias_name(language: str, kind: str = PROCEDURES) -> str:
    """The stable name queries use: `<prefix>_procedures_<lang>`."""
    return f"{settings.SEARCH_INDEX_PREFIX}_{kind}_{language}".lower()


def new_index_name(language: str, kind: str = PROCEDURES) -> str:
    """A fresh concrete index name for a rebuild, unique per second and a counter."""
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
    return f"{alias_name(language, kind)}_{stamp}"


def procedure_index(name: str, language: str) -> Index:
    """The index definition for one locale, under a concrete name."""
    index = Index(name)
    index.settings(
        number_of_shards=1,
        # One replica as soon as a second node exists: a 3-node cluster keeps
        # answering with a node down.
        auto_expand_replicas="0-1",
        refresh_interval="1s",
        max_ngram_diff=30,
        max_shingle_diff=3,
    )
    for item in analyzers(language):
        index.analyzer(item)
    index.document(ProcedureDocument)
    return index


def thesaurus_settings(language: str) -> dict[str, Any]:
    """The analysis settings that carry the thesaurus (for a reload)."""
    body = index_body(language)
    analysis = body["settings"]["analysis"]
    return {
        "analysis": {
            "filter": {"portal_thesaurus": analysis["filter"]["portal_thesaurus"]},
            "analyzer": {"portal_search": analysis["analyzer"]["portal_search"]},
        }
    }


def index_body(language: str, name: str = "template") -> dict[str, Any]:
    """Settings and mappings as sent to `indices.create`."""
    body = procedure_index(name, language).to_dict()
    # Normalisers are not collected by Index.analyzer(); add them explicitly.
    body["settings"].setdefault("analysis", {}).setdefault("normalizer", {}).update(
        {lowercase._name: lowercase.get_definition()}
    )
    # Which thesaurus the index searches with (`search_index status` shows it).
    body.setdefault("mappings", {})["_meta"] = {"thesaurus": thesaurus().version}
    return body
