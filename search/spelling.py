"""Spelling help: "did you mean", and the typo repair of the rescue pass.

Only words the catalogue does not know are corrected, to the closest word of
procedure names and keywords in the visitor's language (the commoner one
wins a tie). A suggestion is offered only when a search found few results:
a query that already has good results gets none ("múa lân" is not "mua
land").
"""

from __future__ import annotations

import difflib

from portal.text import fold
from search.lexicon import Lexicon

FEW_RESULTS = 3  # offer "did you mean" below this many results
MIN_LENGTH = 3


def closest_word(word: str, lexicon: Lexicon) -> str:
    """`word` (folded) or the closest known word when it is unknown."""
    if len(word) < MIN_LENGTH or word.isdigit() or lexicon.known(word):
        return word
    vocabulary = lexicon.name_words
    close = difflib.get_close_matches(word, vocabulary.keys(), n=5, cutoff=0.75)
    if not close:
        return word
    return max(
        close,
        key=lambda w: (difflib.SequenceMatcher(None, word, w).ratio(), vocabulary[w]),
    )


def corrected(words: list[str], lexicon: Lexicon) -> list[str]:
    """The words with unknown ones replaced by their closest known word (folded)."""
    return [closest_word(fold(w), lexicon) for w in words]


def did_you_mean(words: list[str], lexicon: Lexicon, count: int) -> str:
    """A corrected query, or "" when nothing changes or results are plentiful."""
    if count >= FEW_RESULTS or not words:
        return ""
    fixed = corrected(words, lexicon)
    return " ".join(fixed) if fixed != [fold(w) for w in words] else ""
