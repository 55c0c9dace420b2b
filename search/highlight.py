"""Highlighting for the database fallback: `<mark>` around the words found.

The cluster highlights with its own unified highlighter; these functions give
the same kind of snippet from the text kept in `ProcedureSearchText`.
Matching is on folded text, so "dang ky" marks "Đăng ký".
"""

from __future__ import annotations

import html
import re

from search.text import fold_char


def _token_pattern(tokens: list[str]) -> re.Pattern | None:
    alternatives = []
    for token in sorted(set(tokens), key=len, reverse=True):
        if len(token) < 2 and not token.isdigit():
            continue
        escaped = re.escape(token)
        if token.endswith("i"):
            escaped = escaped[:-1] + "[iy]"
        alternatives.append(escaped)
    if not alternatives:
        return None
    return re.compile(r"(?<![0-9a-z])(" + "|".join(alternatives) + r")(?![0-9a-z])")


# Every Latin letter with diacritics (U+00C0-U+024F, U+1E00-U+1EFF) to its
# folded letter, one character for one, so positions in the folded text are
# positions in the original: one str.translate instead of a Unicode
# decomposition per character.
_FOLD = str.maketrans(
    {
        chr(code): fold_char(chr(code))
        for ranges in ((0x41, 0x5B), (0xC0, 0x250), (0x1E00, 0x1F00))
        for code in range(*ranges)
        if len(fold_char(chr(code))) == 1
    }
)


def _folded_same_length(text: str) -> str:
    return text.translate(_FOLD)


def mark(text: str, tokens: list[str]) -> str:
    """HTML-escaped `text` with matching words wrapped in <mark>."""
    pattern = _token_pattern(tokens)
    if not text or pattern is None:
        return ""
    folded_text = _folded_same_length(text)
    out, last = [], 0
    found = False
    for match in pattern.finditer(folded_text):
        found = True
        out.append(html.escape(text[last : match.start()]))
        out.append(f"<mark>{html.escape(text[match.start() : match.end()])}</mark>")
        last = match.end()
    if not found:
        return ""
    out.append(html.escape(text[last:]))
    return "".join(out)


def snippet(text: str, tokens: list[str], size: int = 160) -> str:
    """The line of `text` with most matching words, cut to about `size` characters."""
    pattern = _token_pattern(tokens)
    if not text or pattern is None:
        return ""
    best, best_count = "", 0
    for line in text.splitlines():
        count = len(
            set(m.group(0) for m in pattern.finditer(_folded_same_length(line)))
        )
        if count > best_count:
            best, best_count = line, count
    if not best_count:
        return ""
    if len(best) > size:
        first = pattern.search(_folded_same_length(best))
        start = max(0, (first.start() if first else 0) - size // 3)
        best = ("…" if start else "") + best[start : start + size] + "…"
    return mark(best, tokens)
