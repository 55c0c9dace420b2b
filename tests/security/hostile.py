"""Hostile values for every kind of parameter, and a reader of HTML forms.

The values are what an attacker or a careless client sends: control
characters and NUL (PostgreSQL refuses NUL in text), digits that are not
ASCII ("²" passes str.isdigit() but not int()), dates at the ends of the
calendar, huge numbers, very long strings, markup and SQL, bytes that are not
UTF-8 (sent raw in the query string).
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote

from hypothesis import strategies as st

NASTY_STRINGS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "%00",
    "\x1b[31m",
    "\r\n",
    "\t",
    "\u202e",
    "\ufeff",
    "²",
    "١٢٣",
    "𝟘𝟙",
    "０１",
    "Ⅻ",
    "-1",
    "0",
    "1e309",
    "NaN",
    "99999999999999999999999999",
    "-99999999999999999999999999",
    "9999-12",
    "0001-01",
    "0000-00",
    "9999-12-31",
    "0001-01-01",
    "31/12/9999",
    "01/01/0001",
    "29/02/2023",
    "2026-13",
    "../../etc/passwd",
    "' OR 1=1--",
    '"><script>alert(1)</script>',
    "{{ 7*7 }}",
    "${jndi:ldap://x}",
    "ĐĂNG KÝ",
    "đăng ký kinh doanh",
    "x" * 5000,
    "=cmd|' /C calc'!A0",
    "null",
    "true",
    "[]",
    "{}",
]

# Raw query-string fragments: percent-encoded bytes that are not UTF-8.
RAW_BYTES = ["%FF", "%C0%AF", "%ED%A0%80", "%E2%82", "%00", "%F4%90%80%80", "%80abc"]

hostile_text = st.one_of(
    st.sampled_from(NASTY_STRINGS),
    st.text(max_size=60),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=8),
    st.integers().map(str),
    st.from_regex(r"\A[0-9]{1,6}-[0-9]{1,3}\Z"),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
)

# Uploads: empty, random bytes, a PDF or PNG header with nothing after it,
# under names that are hostile too.
hostile_files = st.tuples(
    st.one_of(st.sampled_from(NASTY_STRINGS[:20]), st.text(max_size=40)),
    st.one_of(
        st.binary(max_size=256),
        st.sampled_from(
            [
                b"",
                b"%PDF-1.4\n",
                b"%PDF-1.7\n%%EOF",
                b"\x89PNG\r\n\x1a\n",
                b"\xff\xd8\xff\xe0",
            ]
        ),
    ),
)

hostile_values = st.one_of(hostile_text, st.lists(hostile_text, min_size=2, max_size=3))


def hostile_query(names: list[str]) -> st.SearchStrategy[dict]:
    """A query dict over `names` (and an unexpected name), each value hostile."""
    keys = st.sampled_from([*names, "unexpected", "\x00"])
    return st.dictionaries(keys, hostile_values, max_size=len(names) + 1)


raw_query = st.lists(
    st.tuples(
        st.sampled_from(["q", "code", "verify", "from", "to", "page"]),
        st.sampled_from(RAW_BYTES),
    ),
    min_size=1,
    max_size=3,
).map(lambda pairs: "&".join(f"{k}={v}" for k, v in pairs))


def path_segment(value: str) -> str:
    """A hostile value as one URL path segment (slashes kept encoded)."""
    return quote(value, safe="") or "x"


class FormReader(HTMLParser):
    """Collects (action, method, field names) of every <form> on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": attributes.get("action") or "",
                    "method": (attributes.get("method") or "get").lower(),
                    "fields": [],
                }
            )
        elif tag in ("input", "select", "textarea", "button") and self.forms:
            name = attributes.get("name")
            kind = attributes.get("type") or tag
            if name and name not in dict(self.forms[-1]["fields"]):
                self.forms[-1]["fields"].append((name, kind))


def forms_of(html: str) -> list[dict]:
    """Every form of a page: action, method and (field name, input type) pairs."""
    reader = FormReader()
    reader.feed(html)
    return reader.forms
