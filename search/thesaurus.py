"""The public-administration thesaurus: general vocabulary shipped as data.

`search/vocabulary/thesaurus.txt` (Vietnamese: everyday <-> official terms,
abbreviations, regional variants) and `glossary_en.txt` (English ->
Vietnamese) are compiled into one table of *keys* (what a query may contain,
as a sequence of lower-case words) and the *alternatives* each key also finds
(folded phrases). The same table is used

- by the cluster, as the rules of a `synonym_graph` filter in the search-time
  analyser `portal_search` (see `documents.py`), reloadable without downtime
  (`manage.py search_index reload`);
- by the database fallback and by query understanding (`understanding.py`),
  through `Thesaurus.segment()`, which matches keys exactly like the filter:
  greedy, longest key first, left to right.

Keys are matched as typed: with their diacritics, and, for terms of two or
more words, also without any ("so do" finds "sổ đỏ"). A one-word term only
matches with its own diacritics, because folded single syllables are
ambiguous ("mo" is "mở", open, and "mỏ", mine). Editors' synonyms
(`synonyms.py`) are applied on top, per query.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from pathlib import Path

from portal.text import fold
from search.text import fold_token, iy_variants, raw_tokens

VOCABULARY = Path(__file__).resolve().parent / "vocabulary"
SOURCES = ("thesaurus.txt", "glossary_en.txt")
_ENGLISH_PLURAL = re.compile(r"(s|x|z|ch|sh)$")


@dataclass(frozen=True)
class Group:
    """One line of a source file: terms that find `finds`."""

    terms: tuple[str, ...]
    finds: tuple[str, ...]
    source: str
    line: int
    english: bool = False


@dataclass(frozen=True)
class Segment:
    """A run of query words; `alternatives` (folded phrases) when a key matched."""

    start: int
    end: int
    words: tuple[str, ...]
    alternatives: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def folded(self) -> str:
        return " ".join(fold_token(w) for w in self.words)

    @property
    def phrases(self) -> tuple[str, ...]:
        """What this segment matches, folded: itself first, then its alternatives."""
        return tuple(dict.fromkeys((self.folded, *self.alternatives)))


def _split_terms(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


def read_groups(path: Path) -> list[Group]:
    """Groups of one source file (`a, b` equivalent; `a => b`; `english = viet`)."""
    english = path.name.startswith("glossary_en")
    groups = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if "=>" in line:
            left, right = line.split("=>", 1)
            terms, finds = _split_terms(left), _split_terms(right)
        elif english and "=" in line:
            left, right = line.split("=", 1)
            terms, finds = _split_terms(left), _split_terms(right)
        else:
            terms = finds = _split_terms(line)
        if terms:
            groups.append(
                Group(tuple(terms), tuple(finds), path.name, number, english=english)
            )
    return groups


def _plurals(term: str) -> list[str]:
    """ "licence" -> ["licence", "licences"]: English plural of the last word."""
    if " " in term and not term.isascii():
        return [term]
    last = term.rsplit(" ", 1)[-1]
    if not last.isalpha() or last.endswith("s"):
        return [term]
    suffix = "es" if _ENGLISH_PLURAL.search(last) else "s"
    return [term, term + suffix]


def _key_forms(term: str, english: bool) -> set[tuple[str, ...]]:
    """Word sequences a query may contain for `term` (see module docstring)."""
    forms: set[tuple[str, ...]] = set()
    for spelling in _plurals(term) if english else [term]:
        words = raw_tokens(spelling)
        if not words:
            continue
        for variant in product(*(iy_variants(w) for w in words)):
            forms.add(tuple(variant))
        if len(words) > 1:
            # Typed without diacritics: "dang ky" as people type it, and
            # "dang ki" (the i/y-normalised form).
            forms.add(tuple(fold(w) for w in words))
            forms.add(tuple(fold_token(w) for w in words))
    return forms


def _folded_phrase(term: str) -> str:
    return " ".join(fold_token(w) for w in raw_tokens(term))


class Thesaurus:
    """Compiled keys -> alternatives, and the matcher both backends share."""

    def __init__(self, groups: list[Group]):
        self.groups = groups
        finds: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for group in groups:
            alternatives = {_folded_phrase(t) for t in (*group.terms, *group.finds)}
            alternatives.discard("")
            for term in group.terms:
                for key in _key_forms(term, group.english):
                    finds[key] |= alternatives
        # One step of transitivity: "motorbike" finds "xe máy", which finds "xe".
        direct = {key: frozenset(alts) for key, alts in finds.items()}
        for key, alternatives in finds.items():
            for phrase in direct[key]:
                alternatives |= direct.get(tuple(phrase.split()), frozenset())
        self.keys = {
            key: tuple(sorted(alts - {" ".join(fold_token(w) for w in key)}))
            for key, alts in finds.items()
        }
        self.longest = max((len(k) for k in self.keys), default=1)
        # How each term of two or more words is written, by its folded form:
        # "hộ chiêu" (a slip of the diacritics) is read as "hộ chiếu".
        self.written: dict[tuple[str, ...], tuple[str, ...]] = {}
        for group in groups:
            for term in (*group.terms, *group.finds):
                words = tuple(raw_tokens(term))
                if len(words) > 1 and not all(w.isascii() for w in words):
                    self.written.setdefault(tuple(fold(w) for w in words), words)

    def segment(self, words: list[str]) -> list[Segment]:
        """Greedy longest-key segmentation of lower-case words (as typed)."""
        segments: list[Segment] = []
        i = 0
        while i < len(words):
            for size in range(min(self.longest, len(words) - i), 0, -1):
                key = tuple(words[i : i + size])
                if key in self.keys:
                    segments.append(Segment(i, i + size, key, self.keys[key]))
                    i += size
                    break
            else:
                segments.append(Segment(i, i + 1, (words[i],)))
                i += 1
        return segments

    def repair(self, words: list[str], known: Callable[[str], bool]) -> list[str]:
        """Words typed with diacritics, with slips in known terms put right: a
        run of words that folds like a term of two or more words, is not
        written like any, and has a word the catalogue never writes that way
        (`known` says), is rewritten as the term ("hộ chiêu" -> "hộ chiếu")."""
        out = list(words)
        i = 0
        while i < len(out):
            for size in range(min(self.longest, len(out) - i), 1, -1):
                span = tuple(out[i : i + size])
                written = self.written.get(tuple(fold(w) for w in span))
                if (
                    written
                    and span not in self.keys
                    and span != written
                    and not all(known(w) for w in span)
                ):
                    out[i : i + size] = written
                    i += size
                    break
            else:
                i += 1
        return out

    def synonym_rules(self) -> list[str]:
        """The table as Solr rules for `synonym_graph` ("key => key, alt, …")."""
        rules = []
        for key, alternatives in sorted(self.keys.items()):
            if alternatives:
                left = " ".join(key)
                rules.append(f"{left} => {', '.join((left, *alternatives))}")
        return rules

    @property
    def version(self) -> str:
        """A short hash of the rules: which thesaurus an index was built with."""
        digest = hashlib.sha256("\n".join(self.synonym_rules()).encode())
        return digest.hexdigest()[:12]


def thesaurus() -> Thesaurus:
    """The shipped thesaurus plus a site's own files (SEARCH_EXTRA_THESAURUS),
    read once per process."""
    from django.conf import settings

    extra = getattr(settings, "SEARCH_EXTRA_THESAURUS", "") or ""
    return _compiled(tuple(p.strip() for p in extra.split(",") if p.strip()))


@lru_cache(maxsize=2)
def _compiled(extra: tuple[str, ...]) -> Thesaurus:
    groups: list[Group] = []
    for path in [VOCABULARY / name for name in SOURCES] + [Path(p) for p in extra]:
        groups.extend(read_groups(path))
    return Thesaurus(groups)
