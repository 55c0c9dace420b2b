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


def ascii_slug(text: str, max_length: int = 80) -> str:
    """An ASCII slug for Vietnamese text, cut at a word boundary."""
    slug = slugify(fold(text))
    if len(slug) <= max_length:
        return slug
    return slug[:max_length].rsplit("-", 1)[0]
