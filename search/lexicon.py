"""What the catalogue's own words say about a query: a per-language lexicon.

Built from the database search text (`ProcedureSearchText`, written for both
backends), kept per process, and rebuilt when the search text changes (a
version number in the shared cache, checked every few seconds). It answers:

- how common a word or phrase is in the main text of procedures (document
  frequency): very common words ("cấp", "giấy", "đăng ký") do not have to be
  in every result;
- which word pairs occur in procedure names ("cho phép", "trong nước"), so a
  function word that is part of one is kept;
- whether a word is complete (the last word of a query may be half typed);
- the vocabulary of names and keywords for "did you mean".
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache

VERSION_KEY = "portal_search:lexicon:version"
CHECK_EVERY = 5.0  # seconds between looks at the shared version


@dataclass
class Lexicon:
    """Word statistics of one language's procedures."""

    documents: int = 0
    df: Counter[str] = field(default_factory=Counter)
    pair_df: Counter[str] = field(default_factory=Counter)
    name_words: Counter[str] = field(default_factory=Counter)
    average_name_length: float = 0.0
    # Words of the main text as written (exact form, see text.exact_token).
    exact_words: set[str] = field(default_factory=set)

    def share(self, phrase: str) -> float:
        """Estimated share of procedures whose main text has this folded phrase."""
        words = phrase.split()
        if not words or not self.documents:
            return 0.0
        if len(words) == 1:
            count = self.df.get(words[0], 0)
        else:
            count = min(
                self.pair_df.get(f"{a} {b}", 0)
                for a, b in zip(words, words[1:], strict=False)
            )
        return count / self.documents

    def known(self, word: str) -> bool:
        """True when `word` (folded) is a whole word somewhere in the catalogue."""
        return word in self.df or word in self.name_words

    def known_phrase(self, phrase: str) -> bool:
        """True when every word of the folded phrase is in the catalogue."""
        return all(self.known(word) for word in phrase.split())

    def may_contain(self, phrase: str) -> bool:
        """False when some word or word pair of the folded phrase is in no
        procedure's main text: the phrase cannot match there."""
        words = phrase.split()
        return all(self.known(w) for w in words) and all(
            f"{a} {b}" in self.pair_df for a, b in zip(words, words[1:], strict=False)
        )

    def pairs_in_names(self, first: str, second: str) -> bool:
        return f"{first} {second}" in self.pair_df


def build(language: str) -> Lexicon:
    """Count words and pairs of the main text of every procedure in `language`."""
    from search.models import ProcedureSearchText

    lexicon = Lexicon()
    name_lengths = 0
    rows = ProcedureSearchText.objects.filter(locale__language_code=language)
    for name, keywords, other, summary, exact in rows.values_list(
        "name_folded", "keywords_folded", "other_folded", "summary_folded", "main_exact"
    ):
        lexicon.exact_words.update(exact.split())
        lexicon.documents += 1
        words: set[str] = set()
        pairs: set[str] = set()
        for text in (name, keywords, other, summary):
            for line in text.split("\n"):
                tokens = line.split()
                words.update(tokens)
                pairs.update(
                    f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)
                )
        lexicon.df.update(words)
        lexicon.pair_df.update(pairs)
        lexicon.name_words.update(name.split())
        lexicon.name_words.update(keywords.split())
        name_lengths += len(name.split())
    if lexicon.documents:
        lexicon.average_name_length = name_lengths / lexicon.documents
    return lexicon


_cache: dict[str, tuple[int, Lexicon]] = {}
_building: set[str] = set()
_lock = threading.Lock()
_seen = {"version": 0, "checked": 0.0}


def _version() -> int:
    now = time.monotonic()
    if now - _seen["checked"] >= CHECK_EVERY:
        _seen.update(version=int(cache.get(VERSION_KEY) or 0), checked=now)
    return int(_seen["version"])


def lexicon(language: str) -> Lexicon:
    """The lexicon of `language`; a stale one is served while a new one builds."""
    version = _version()
    cached = _cache.get(language)
    if cached is None:
        with _lock:
            cached = _cache.get(language)
            if cached is None:
                cached = (version, build(language))
                _cache[language] = cached
        return cached[1]
    if cached[0] != version and language not in _building:
        _building.add(language)
        threading.Thread(target=_rebuild, args=(language, version), daemon=True).start()
    return cached[1]


def _rebuild(language: str, version: int) -> None:
    from django.db import connection

    try:
        _cache[language] = (version, build(language))
    finally:
        _building.discard(language)
        connection.close()


def invalidate() -> None:
    """The search text changed: every process rebuilds its lexicons."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)
    _cache.clear()
    _seen["checked"] = 0.0
