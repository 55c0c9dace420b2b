"""Measuring how Vietnamese a page is: the share of Vietnamese-only letters.

English text uses the plain Latin letters; Vietnamese adds đ and vowels with
a breve, circumflex or horn, and tone marks on any vowel. The share of such
letters among all letters of a page's `<main>` is about 15-25 % for Vietnamese
prose and 0 % for English; proper names (a street, an agency) leave a trace.
"""

from __future__ import annotations

import unicodedata
from html.parser import HTMLParser

from portal.text import is_vietnamese_letter

# The threshold the tests hold English pages to.
MAX_ENGLISH_SHARE = 0.02


def vietnamese_share(text: str) -> float:
    """Vietnamese-only letters / all letters (0.0 for a text without letters)."""
    letters = [char for char in unicodedata.normalize("NFC", text) if char.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for char in letters if is_vietnamese_letter(char)) / len(letters)


class _MainText(HTMLParser):
    """Collects the visible text inside <main> (no scripts, styles, templates),
    leaving out elements marked `lang="vi"`: text the page announces as
    Vietnamese on purpose (a link to the Vietnamese page, a citizen's question
    shown with an "In Vietnamese" tag), which screen readers read as such.
    Only on a page that is not Vietnamese itself: `<html lang="vi">` marks
    the whole page."""

    SKIP = {"script", "style", "template", "noscript"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_main = 0
        self.skipping = 0
        self.vietnamese: list[str] = []  # open tags of a lang="vi" element
        self.parts: list[str] = []
        self.page_language = ""

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.page_language = dict(attrs).get("lang") or ""
            return
        if tag == "main":
            self.in_main += 1
        elif tag in self.SKIP:
            self.skipping += 1
        if self.vietnamese and tag == self.vietnamese[0]:
            self.vietnamese.append(tag)
        elif (
            not self.vietnamese
            and not self.page_language.startswith("vi")
            and (dict(attrs).get("lang") or "").startswith("vi")
        ):
            self.vietnamese.append(tag)

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main -= 1
        elif tag in self.SKIP and self.skipping:
            self.skipping -= 1
        if self.vietnamese and tag == self.vietnamese[0]:
            self.vietnamese.pop()

    def handle_data(self, data):
        if self.in_main and not self.skipping and not self.vietnamese:
            self.parts.append(data)


def main_text(html: str) -> str:
    """The text a reader sees in the page's <main>."""
    parser = _MainText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def vietnamese_words(text: str, limit: int = 20) -> list[str]:
    """The words carrying Vietnamese-only letters (for failure messages)."""
    words = [w for w in text.split() if any(is_vietnamese_letter(c) for c in w)]
    return words[:limit]
