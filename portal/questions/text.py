"""Plain text of an answer written in the rich-text editor (e-mails, the API,
search documents): paragraphs and list items on lines of their own."""

from __future__ import annotations

import re
from html import unescape

from django.utils.html import strip_tags

_BLOCK_END = re.compile(r"</(p|h\d|blockquote|ol|ul)>", re.IGNORECASE)
_ITEM = re.compile(r"<li[^>]*>", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>|</li>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def plain_text(html: str) -> str:
    """`<p>A</p><ul><li>b</li></ul>` → "A\\n\\n• b"."""
    if not html:
        return ""
    text = _BLOCK_END.sub("\n\n", html)
    text = _ITEM.sub("• ", text)
    text = _BREAK.sub("\n", text)
    text = unescape(strip_tags(text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
