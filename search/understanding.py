"""Query understanding shared by the cluster and the database fallback.

`understand()` turns what a person typed into a `QueryPlan`:

1. procedure codes anywhere in the text ("thủ tục 1.004227 là gì", "mã 004227");
2. the words, with the thesaurus's phrases found (greedy, longest first);
3. question phrasing left out by a general rule: function words and question
   patterns (`vocabulary/function_words.txt`), compared with their diacritics
   when the query has any, folded when it has none, and kept when they pair
   with a neighbour as they do in procedure names ("cho phép", "trong nước");
4. each remaining phrase is a *slot*: words so common in procedure text that
   they say little ("cấp", "giấy", "đăng ký") are optional, the others are
   required, with a minimum-should-match that degrades gracefully as queries
   grow; a rescue pass asks for about half of them;
5. a half-typed last word ("giấy phép môi tr") is matched as a prefix.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from portal.text import fold
from search.lexicon import Lexicon, lexicon
from search.text import exact_token, has_diacritics, modern_tones, normalise, raw_tokens
from search.thesaurus import VOCABULARY, Segment, Thesaurus, thesaurus

# A slot whose phrase is in more than this share of procedures is optional.
COMMON_SHARE = 0.2
# Both backends list only results scoring at least this share of the best
# one (the relevance floor), and read at most this many editors' variants.
RELEVANCE_FLOOR = 0.25
MAX_VARIANTS = 3
_CODE = re.compile(r"(?<![\w.])(\d{1,2}\.\d{3,6}|\d{4,7})(?![\w.])")


@dataclass(frozen=True)
class Slot:
    """One thing the query asks for: a phrase and what it also finds."""

    segment: Segment
    required: bool
    prefix: bool = False
    # Match as typed, diacritics and all: a one-word slot of a query typed
    # with diacritics ("tầng" must not find "tặng"). The rescue pass folds.
    exact: bool = False

    @property
    def text(self) -> str:
        return self.segment.text

    @property
    def phrases(self) -> tuple[str, ...]:
        return self.segment.phrases


@dataclass
class QueryPlan:
    """What a query asks for, as both backends read it."""

    q: str
    language: str
    codes: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    diacritics: bool = False
    # A required word the catalogue does not contain at all (after typo
    # repair): the query is about something else, and the rescue pass may not
    # leave it out ("thời tiết đà nẵng" is not rescued by "thời hạn").
    unknown: bool = False

    @property
    def required_slots(self) -> list[Slot]:
        return [s for s in self.slots if s.required]

    @property
    def optional_slots(self) -> list[Slot]:
        return [s for s in self.slots if not s.required]

    @property
    def core(self) -> str:
        """The required words, as typed (what the cluster must match)."""
        return " ".join(s.text for s in self.required_slots)

    @property
    def optional(self) -> str:
        return " ".join(s.text for s in self.optional_slots)

    @property
    def text(self) -> str:
        """Every word of the query but the codes, as typed."""
        return " ".join(self.words)

    @property
    def has_text(self) -> bool:
        return bool(self.slots)

    @property
    def prefix(self) -> bool:
        return any(s.prefix for s in self.slots)

    @property
    def strong_slots(self) -> list[Slot]:
        """Required slots of two or more words: in the rescue pass, one of them
        alone is enough ("vay ngân hàng thế chấp sổ đỏ" finds "thế chấp");
        a single word never is, so "giá vàng" does not find "đấu giá"."""
        return [s for s in self.required_slots if len(s.segment.words) >= 2]

    def minimum_match(self, rescue: bool = False) -> int:
        """How many required slots a result must contain."""
        n = len(self.required_slots)
        if rescue and not self.unknown:
            return max(2, math.ceil(n / 2)) if n >= 2 else n
        if n <= 2:
            return n
        # 3 -> 2, 4 -> 3, 5 -> 3, 6 -> 4, 8 -> 5: long questions need a
        # majority, never every word.
        return max(2, n - 1 - (n - 3) // 2)


@dataclass(frozen=True)
class FunctionWords:
    """The patterns of `vocabulary/function_words.txt`, as written and folded."""

    written: frozenset[tuple[str, ...]]
    folded: frozenset[tuple[str, ...]]
    light: frozenset[str]  # light verbs: optional, but they rank
    longest: int


@lru_cache(maxsize=1)
def function_words() -> FunctionWords:
    """The function-word patterns and light verbs from the data file."""
    written: set[tuple[str, ...]] = set()
    light: set[str] = set()
    section = ""
    for line in (VOCABULARY / "function_words.txt").read_text("utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].split(":", 1)[0]
        line = line.split("#", 1)[0]
        for term in line.split(","):
            words = tuple(raw_tokens(term))
            if words:
                written.add(words)
                if section == "light":
                    light.update(words)
    folded = {tuple(fold(w) for w in words) for words in written}
    light |= {fold(w) for w in light}
    longest = max((len(w) for w in written), default=1)
    return FunctionWords(
        frozenset(written), frozenset(folded), frozenset(light), longest
    )


def extract_codes(text: str) -> tuple[list[str], str]:
    """Procedure codes (full or partial) found anywhere, and the text without them."""
    codes = [m.group(1).lower() for m in _CODE.finditer(text)]
    return codes, _CODE.sub(" ", text)


def _drop_function_words(
    words: list[str], protected: set[int], diacritics: bool, lexicon: Lexicon
) -> tuple[set[int], set[int]]:
    """(indices to leave out, indices kept only as optional words)."""
    words_file = function_words()
    patterns = words_file.written if diacritics else words_file.folded
    longest = words_file.longest
    drop: set[int] = set()
    soft: set[int] = set()
    i = 0
    while i < len(words):
        matched = 0
        for size in range(min(longest, len(words) - i), 0, -1):
            span = range(i, i + size)
            if any(j in protected for j in span):
                continue
            key = tuple(words[j] if diacritics else fold(words[j]) for j in span)
            if key in patterns:
                matched = size
                break
        if not matched:
            i += 1
            continue
        light = matched == 1 and words[i] in words_file.light
        if matched == 1 and (light or _pairs_with_neighbour(words, i, lexicon)):
            soft.add(i)
        else:
            drop.update(range(i, i + matched))
        i += matched
    return drop, soft


def _key(words: tuple[str, ...] | list[str], diacritics: bool) -> tuple[str, ...]:
    return tuple(words) if diacritics else tuple(fold(w) for w in words)


def _pairs_with_neighbour(words: list[str], i: int, lexicon: Lexicon) -> bool:
    word = fold(words[i])
    before = fold(words[i - 1]) if i > 0 else ""
    after = fold(words[i + 1]) if i + 1 < len(words) else ""
    return bool(
        (before and lexicon.pairs_in_names(before, word))
        or (after and lexicon.pairs_in_names(word, after))
    )


def understand(
    q: str, language: str, thesaurus: Thesaurus, lexicon: Lexicon
) -> QueryPlan:
    """The plan for query `q` typed on the `language` site."""
    text = modern_tones(normalise(q)).strip()
    codes, rest = extract_codes(text)
    words = raw_tokens(rest)
    plan = QueryPlan(q=text, language=language, codes=codes, words=words)
    if not words:
        return plan
    plan.diacritics = has_diacritics(words)
    if plan.diacritics:
        known = lambda word: exact_token(word) in lexicon.exact_words  # noqa: E731
        words = plan.words = thesaurus.repair(words, known)
    patterns = function_words().written if plan.diacritics else function_words().folded
    protected = {
        j
        for seg in thesaurus.segment(words)
        if seg.end - seg.start > 1 and _key(seg.words, plan.diacritics) not in patterns
        for j in range(seg.start, seg.end)
    }
    drop, soft = _drop_function_words(words, protected, plan.diacritics, lexicon)
    kept = [j for j in range(len(words)) if j not in drop]
    if not kept and not codes:
        kept = list(range(len(words)))  # a query of function words only
        soft = set()
    kept_words = [words[j] for j in kept]
    soft_words = {words[j] for j in soft}
    partial = bool(kept) and _half_typed(q, kept_words[-1], lexicon)
    slots = []
    segments = thesaurus.segment(kept_words)
    for seg in segments:
        common = max(lexicon.share(p) for p in seg.phrases) > COMMON_SHARE
        single = seg.end - seg.start == 1
        # Small numbers ("lớp 10", "3 tầng") only rank; codes were taken out.
        number = single and seg.text.isdigit() and not seg.alternatives
        optional = common or number or (single and seg.text in soft_words)
        prefix = partial and seg is segments[-1]
        exact = plan.diacritics and single and not seg.alternatives and not prefix
        slots.append(Slot(seg, not optional, prefix, exact))
    if slots and not any(s.required for s in slots):
        slots = [Slot(s.segment, True, s.prefix, s.exact) for s in slots]
    plan.slots = slots
    return plan


def _half_typed(q: str, last: str, lexicon: Lexicon) -> bool:
    """The last word may still be being typed: no space after it, no diacritics
    (those come last when typing), and either not a known word or one or two
    letters ("giấy phép lái x")."""
    word = fold(last)
    if not q or q[-1].isspace() or word != last or word.isdigit() or len(word) > 12:
        return False
    return len(word) <= 2 or not lexicon.known(word)


def rescue_plan(plan: QueryPlan) -> QueryPlan:
    """The plan of the rescue pass: unknown words replaced by the closest known
    ones (typos), everything else as typed."""
    from search import spelling

    words = lexicon(plan.language)
    fixed = [spelling.closest_word(w, words) for w in plan.words]
    unknown = sum(fold(w) != f for w, f in zip(plan.words, fixed, strict=True))
    if unknown > max(1, len(plan.words) // 3):
        # Mostly unknown words: not typos but another subject ("cheap flights").
        fixed = [fold(w) for w in plan.words]
    repaired = [
        w if fold(w) == f else f for w, f in zip(plan.words, fixed, strict=True)
    ]
    rescue = plan_for(" ".join(repaired), plan.language)
    # A word the catalogue writes as typed stays as typed; one it never
    # writes that way (a slip of the marks: "luơng") is compared folded.
    rescue.slots = [
        Slot(s.segment, s.required, s.prefix, s.exact and _written(s.text, words))
        for s in rescue.slots
    ]
    rescue.unknown = any(
        not s.prefix and not any(words.known_phrase(p) for p in s.phrases)
        for s in rescue.required_slots
    )
    return rescue


def _written(word: str, words: Lexicon) -> bool:
    return exact_token(word) in words.exact_words


def plan_for(q: str, language: str) -> QueryPlan:
    """The plan with the shipped thesaurus and the catalogue's lexicon."""
    return understand(q, language, thesaurus(), lexicon(language))
