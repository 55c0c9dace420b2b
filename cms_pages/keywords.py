"""A procedure's keywords: other words people use for it, kept in one text
field as "khai sinh; làm giấy khai sinh; birth certificate".

Semicolons, not line breaks: wagtail-localize turns a line break of a plain
text field into a `<br>` tag that its translation editor shows as such, so
a translator would see "khai sinh<br>làm giấy khai sinh". Line breaks are
still read (older revisions and editors' habits) and written back as
semicolons on the next save.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SEPARATOR = "; "
_SPLIT = re.compile(r"[;\n\r]+")


def keywords_from_text(text: str) -> list[str]:
    """The keywords of a stored text, in order, without blanks."""
    return [part.strip() for part in _SPLIT.split(text or "") if part.strip()]


def keywords_to_text(keywords: Iterable[str]) -> str:
    """The stored text of a list of keywords."""
    return SEPARATOR.join(k.strip() for k in keywords if k and k.strip())


def normalise(text: str) -> str:
    """The stored form of what an editor typed (any separator)."""
    return keywords_to_text(keywords_from_text(text))
