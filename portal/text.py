"""Text helpers shared by slugs, the database search fallback and imports.

Vietnamese is written with many combining marks; people often type without
them ("dang ky" for "Đăng ký"). `fold()` maps text to the form people type.
"""

import re
import unicodedata

from django.utils.text import slugify

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ→d) and squeeze white space.

    >>> fold("  Đăng ký   KINH DOANH ")
    'dang ky kinh doanh'
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped).strip().lower()


def vietnamese_letter_folds() -> dict[str, str]:
    """Each plain letter and the Vietnamese letters that fold to it (lower case).

    >>> vietnamese_letter_folds()["d"]
    'đ'
    """
    vowels = "aăâeêioôơuưy"
    tones = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    folds: dict[str, str] = {"d": "đ"}
    for vowel in vowels:
        for tone in tones:
            letter = unicodedata.normalize("NFC", vowel + tone)
            base = fold(letter)
            if letter != base:
                folds[base] = folds.get(base, "") + letter
    return folds


def ascii_slug(text: str, max_length: int = 80) -> str:
    """An ASCII slug for Vietnamese text, cut at a word boundary."""
    slug = slugify(fold(text))
    if len(slug) <= max_length:
        return slug
    return slug[:max_length].rsplit("-", 1)[0]


# Vietnamese alphabetical order: letters with a breve, circumflex or horn and
# đ are letters of their own (a < ă < â < b …); tone marks only break ties.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: chr(0x3000 + rank) for rank, letter in enumerate(_ALPHABET)}
_TONES = {"\u0300": "2", "\u0301": "4", "\u0303": "3", "\u0309": "1", "\u0323": "5"}


def vietnamese_sort_key(text: str) -> str:
    """A key that orders Vietnamese words as a dictionary does.

    >>> sorted(["Cho phép", "Chứng thực", "Cấp", "Chấp thuận"], key=vietnamese_sort_key)
    ['Cấp', 'Chấp thuận', 'Cho phép', 'Chứng thực']
    """
    letters, tones = [], []
    for char in unicodedata.normalize("NFD", text.lower()):
        if char in _TONES:
            tones[-1:] = [_TONES[char]]
        else:
            letters.append(char)
            tones.append("0")
    # Recompose the vowel marks that make letters (ă, â, ơ …) once tones are gone.
    base = unicodedata.normalize("NFC", "".join(letters))
    primary = "".join(_LETTER_RANK.get(char, char) for char in base)
    return primary + "\x00" + "".join(tones)


# Marks English never puts on a Latin letter but Vietnamese does: grave, acute,
# circumflex, tilde, breve, hook above, horn, dot below.
_VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323")


def is_vietnamese_letter(char: str) -> bool:
    """True for đ/Đ and for a Latin letter carrying a Vietnamese mark.

    >>> [is_vietnamese_letter(c) for c in "aạđŨe"]
    [False, True, True, True, False]
    """
    if char in "đĐ":
        return True
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[:1].isascii() and any(
        mark in _VIETNAMESE_MARKS for mark in decomposed[1:]
    )


def has_vietnamese_letters(text: str) -> bool:
    """Does `text` use a letter only Vietnamese writes (so it needs translating)?

    >>> has_vietnamese_letters("Form 01/2021"), has_vietnamese_letters("Mẫu số 01")
    (False, True)
    """
    return any(
        is_vietnamese_letter(char) for char in unicodedata.normalize("NFC", text)
    )
