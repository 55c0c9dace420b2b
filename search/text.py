"""Python side of the search analysis, shared by the cluster queries and the
database fallback.

The cluster folds text with its own analysers (see `documents.py`); this module
reproduces the same folding so that the database fallback, synonym expansion,
highlighting and query logging agree with it.
"""

import re
import unicodedata

from portal.text import fold

# Vietnamese spells some syllables with i or y interchangeably after a
# consonant ("kí"/"ký", "lí"/"lý", "bác sĩ"/"bác sỹ"). Both sides of a match are
# normalised to "i". The same pattern is used by the cluster analyser
# (`pattern_replace` token filter in documents.py); keep them identical.
IY_PATTERN = r"^(b|c|d|g|h|k|l|m|n|p|q|r|s|t|v|x|ch|gh|kh|nh|ph|th|tr|ng|qu|ngh)y$"
_IY = re.compile(IY_PATTERN)
_WORD = re.compile(r"[0-9a-z]+")
CODE_PATTERN = re.compile(r"^[0-9a-z][0-9a-z.\-]*[0-9][0-9a-z.\-]*$", re.IGNORECASE)

# Words that carry no meaning in a question ("tôi muốn … thì cần giấy tờ gì",
# "how do I …"). They still score, but a result need not contain them.
# Folded forms; words that collide with meaningful folded words (e.g. "the" =
# "thẻ", "do" = "đỏ") are deliberately absent.
FILLER_VI = frozenset(
    "toi muon thi can gi nao sao dau minh em a ah oi vay nhe khong ko hoi bao nhieu lau "
    "phai duoc nhung the_nao".split()
)
FILLER_PHRASES_VI = ("nhu the nao", "lam the nao", "the nao", "lam sao", "o dau")
FILLER_EN = frozenset(
    "a an and are can do does for from get how i in is it me my need of on or please "
    "the to what when where which who with you".split()
)


def normalise(text: str) -> str:
    """NFC-normalise user or page text so decomposed input matches composed text."""
    return unicodedata.normalize("NFC", text or "")


def _iy(token: str) -> str:
    return _IY.sub(r"\1i", token)


def search_tokens(text: str) -> list[str]:
    """Folded, i/y-normalised word tokens, in order."""
    return [_iy(token) for token in _WORD.findall(fold(normalise(text)))]


def folded(text: str) -> str:
    """Space-padded folded text for word-boundary LIKE matching: " dang ki ... "."""
    tokens = search_tokens(text)
    return f" {' '.join(tokens)} " if tokens else ""


def significant_tokens(text: str, language: str = "vi") -> list[str]:
    """The tokens of a query without question fillers (at least one is kept)."""
    padded = folded(text)
    if language == "vi":
        for phrase in FILLER_PHRASES_VI:
            padded = padded.replace(f" {phrase} ", " ")
        stop = FILLER_VI
    else:
        stop = FILLER_EN | {"toi", "muon", "gi", "nao"}
    tokens = padded.split()
    kept = [t for t in tokens if t not in stop]
    return kept or tokens


def looks_like_code(text: str) -> bool:
    """True for "1.004227", "004227", "1.0042": what people type for a code."""
    text = (text or "").strip()
    return bool(text) and " " not in text and bool(CODE_PATTERN.match(text))


def code_variants(code: str) -> list[str]:
    """Forms of a code people type: full, the part after the dot, without dots."""
    code = (code or "").strip().lower()
    variants = [code]
    if "." in code:
        variants.append(code.split(".", 1)[1])
        variants.append(code.replace(".", ""))
    return list(dict.fromkeys(v for v in variants if v))


def fold_char(ch: str) -> str:
    """Fold one character; returns one character for every Vietnamese letter."""
    if ch in "đĐ":
        return "d"
    decomposed = unicodedata.normalize("NFD", ch)
    base = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return (base or ch).lower()[:1] or ch
