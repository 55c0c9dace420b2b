"""Spelling help: "did you mean", and the typo repair of the rescue pass.

Only words the catalogue does not know are corrected, to the closest word of
procedure names and keywords in the visitor's language (the commoner one
wins a tie). A suggestion is offered only when a search found few results:
a query that already has good results gets none ("múa lân" is not "mua
land").
"""

from __future__ import annotations

import difflib
import re

from portal.text import fold
from search.lexicon import Lexicon

FEW_RESULTS = 3  # offer "did you mean" below this many results
MIN_LENGTH = 3
# The shape of a Vietnamese syllable, folded: onset, vowels, one of the
# finals the language allows. A word typed with diacritics is Vietnamese and
# is only corrected to such a syllable ("lân" is never "land").
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
    r"[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?$"
)


def closest_word(word: str, lexicon: Lexicon) -> str:
    """The folded word, or the closest known word when it is unknown: same
    first letter (typos rarely hit it), and a Vietnamese syllable when the
    word was typed with diacritics."""
    folded = fold(word)
    if len(folded) < MIN_LENGTH or folded.isdigit() or lexicon.known(folded):
        return folded
    vocabulary = lexicon.name_words
    options = [w for w in vocabulary if w[:1] == folded[:1]]
    if folded != word.lower():
        options = [w for w in options if _SYLLABLE.match(w)]
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
