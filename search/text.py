"""Python side of the search analysis, shared by the cluster queries and the
database fallback.

The cluster folds text with its own analysers (see `documents.py`); this module
reproduces the same folding so that the database fallback, synonym lookup,
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
_IY_RAW = re.compile(
    r"^(b|c|d|đ|g|h|k|l|m|n|p|q|r|s|t|v|x|ch|gh|kh|nh|ph|th|tr|ng|qu|ngh)([iìíỉĩịyỳýỷỹỵ])$"
)
_I_TO_Y = str.maketrans("iìíỉĩị", "yỳýỷỹỵ")
_Y_TO_I = str.maketrans("yỳýỷỹỵ", "iìíỉĩị")
_WORD = re.compile(r"[0-9a-z]+")
_RAW_WORD = re.compile(r"[^\W_]+")
CODE_PATTERN = re.compile(r"^[0-9a-z][0-9a-z.\-]*[0-9][0-9a-z.\-]*$", re.IGNORECASE)

# Old-style tone placement on an open syllable ("hoá", "thuỷ", "khoẻ") and the
# modern one ("hóa", "thủy", "khỏe") are both in use; text is brought to the
# modern form before synonyms are looked up (the index folds both anyway).
_OLD_TONE = re.compile(r"(?<![qQ])([oOuU])([àáảãạèéẻẽẹỳýỷỹỵ])(?![^\W_])")
_MOVE_TONE = {
    "à": ("\u0300", "a"), "á": ("\u0301", "a"), "ả": ("\u0309", "a"), "ã": ("\u0303", "a"),
    "ạ": ("\u0323", "a"), "è": ("\u0300", "e"), "é": ("\u0301", "e"), "ẻ": ("\u0309", "e"),
    "ẽ": ("\u0303", "e"), "ẹ": ("\u0323", "e"), "ỳ": ("\u0300", "y"), "ý": ("\u0301", "y"),
    "ỷ": ("\u0309", "y"), "ỹ": ("\u0303", "y"), "ỵ": ("\u0323", "y"),
}  # fmt: skip


def normalise(text: str) -> str:
    """NFC-normalise user or page text so decomposed input matches composed text."""
    return unicodedata.normalize("NFC", text or "")


def modern_tones(text: str) -> str:
    """ "hoá" -> "hóa", "thuỷ" -> "thủy": the tone mark on the first vowel of an
    open "oa", "oe", "uy" syllable (never after q: "quý" stays)."""

    def move(match: re.Match) -> str:
        mark, vowel = _MOVE_TONE[match.group(2)]
        return unicodedata.normalize("NFC", match.group(1) + mark) + vowel

    return _OLD_TONE.sub(move, normalise(text))


# The exact (diacritics-kept) form compared when a query is typed with
# diacritics: lower case, every "oa/oe/uy" tone moved to the first vowel
# (unconditionally: the same on both sides is all that matters) and a final
# y/ý/… after a consonant written i/í/…. `documents.py` builds the cluster's
# `portal_exact` analyser from the same tables.
EXACT_TONE_MAP = {
    f"{first}{toned}": unicodedata.normalize("NFC", first + mark) + plain
    for toned, (mark, plain) in _MOVE_TONE.items()
    for first in ("o", "u")
    if (plain == "y") == (first == "u")
}
EXACT_IY = {"y": "i", "ỳ": "ì", "ý": "í", "ỷ": "ỉ", "ỹ": "ĩ", "ỵ": "ị"}
EXACT_IY_PREFIX = r"^(b|c|d|đ|g|h|k|l|m|n|p|q|r|s|t|v|x|ch|gh|kh|nh|ph|th|tr|ng|qu|ngh)"
_EXACT_IY = re.compile(EXACT_IY_PREFIX + "([yỳýỷỹỵ])$")
_EXACT_TONE = re.compile("|".join(EXACT_TONE_MAP))


def exact_token(token: str) -> str:
    """A word in the exact form: "Kí" -> "kí", "ký" -> "kí", "hoá" -> "hóa"."""
    word = _EXACT_TONE.sub(
        lambda m: EXACT_TONE_MAP[m.group(0)], normalise(token).lower()
    )
    return _EXACT_IY.sub(lambda m: m.group(1) + EXACT_IY[m.group(2)], word)


def exact_lines(*values: str) -> str:
    """Exact-form text, space-padded, one line per line of each value."""
    out = []
    for value in values:
        for line in (value or "").splitlines():
            words = [exact_token(w) for w in _RAW_WORD.findall(normalise(line))]
            if words:
                out.append(f" {' '.join(words)} ")
    return "\n".join(out)


def _iy(token: str) -> str:
    return _IY.sub(r"\1i", token)


def fold_token(token: str) -> str:
    """One word folded like the index folds it: no diacritics, đ→d, final y→i."""
    return _iy(fold(token))


def search_tokens(text: str) -> list[str]:
    """Folded, i/y-normalised word tokens, in order."""
    return [_iy(token) for token in _WORD.findall(fold(normalise(text)))]


def raw_tokens(text: str) -> list[str]:
    """Lower-case words with their diacritics (modern tone placement), in order.

    Tokens that fold to nothing searchable (other scripts, symbols) are left out,
    so `raw_tokens` and `search_tokens` line up word for word on Latin text.
    """
    words = _RAW_WORD.findall(modern_tones(text).lower())
    return [w for w in words if _WORD.fullmatch(fold_token(w))]


def has_diacritics(tokens: list[str]) -> bool:
    """True when any word was typed with a Vietnamese diacritic (or đ)."""
    return any(token != fold(token) for token in tokens)


def iy_variants(token: str) -> list[str]:
    """The token and its other i/y spelling ("ký" -> ["ký", "kí"]), diacritics kept."""
    match = _IY_RAW.match(token)
    if not match:
        return [token]
    vowel = match.group(2)
    other = vowel.translate(_Y_TO_I) if vowel in "yỳýỷỹỵ" else vowel.translate(_I_TO_Y)
    return [token, match.group(1) + other]


def folded(text: str) -> str:
    """Space-padded folded text for word-boundary LIKE matching: " dang ki ... "."""
    tokens = search_tokens(text)
    return f" {' '.join(tokens)} " if tokens else ""


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
