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
    """The folded word, or, for an unknown word typed without diacritics, the
    closest known word with the same first letter (typos rarely hit it).

    A word typed with diacritics is spelled on purpose: folding already
    forgives a slip of its marks, and it is never respelled into another
    word ("lân" is not "land", "tiết" is not "thiết")."""
    folded = fold(word)
    if len(folded) < MIN_LENGTH or folded.isdigit() or lexicon.known(folded):
        return folded
    if folded != word.lower():
        return folded
    vocabulary = lexicon.name_words
    options = [w for w in vocabulary if w[:1] == folded[:1]]
    close = difflib.get_close_matches(folded, options, n=5, cutoff=0.75)
    if not close:
        return folded
    return max(
        close,
        key=lambda w: (difflib.SequenceMatcher(None, folded, w).ratio(), vocabulary[w]),
    )


def corrected(words: list[str], lexicon: Lexicon) -> list[str]:
    """The words with unknown ones replaced by their closest known word (folded)."""
    return [closest_word(w, lexicon) for w in words]


def did_you_mean(words: list[str], lexicon: Lexicon, count: int) -> str:
    """A corrected query, or "" when nothing changes or results are plentiful."""
    if count >= FEW_RESULTS or not words:
        return ""
    fixed = corrected(words, lexicon)
    return " ".join(fixed) if fixed != [fold(w) for w in words] else ""
