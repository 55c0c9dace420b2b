"""Find English left in a Vietnamese admin page.

A string shown in the admin is "untranslated" when it is the English source
of a message (ours, Wagtail's, wagtail-localize's or Django's) that no
Vietnamese catalogue translates, or a label the project defines (model
fields, blocks, panels, menus) that comes out the same in Vietnamese as in
English. Messages with placeholders ("This %(model_name)s is referenced
%(count)s times") are matched as patterns, so a half-translated sentence
("This lĩnh vực is referenced 3 times") is caught too.
"""

import json
import re
from functools import cache
from pathlib import Path

import polib
from bs4 import BeautifulSoup, Comment, NavigableString
from django.apps import apps
from django.conf import settings

LANGUAGE = "vi"
# Text in these elements is not shown as such.
HIDDEN = {"script", "style", "noscript", "svg", "textarea", "option"}
ATTRIBUTES = (
    "title",
    "aria-label",
    "placeholder",
    "alt",
    "data-w-tooltip-content-value",
)
# Keys of JSON props (sidebar menu, StreamField block definitions) shown to people.
JSON_KEYS = {"label", "helpText", "help_text", "description", "title", "placeholder"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\w*\}")
LETTERS = re.compile(r"[A-Za-z]{2}")


def _locale_dirs() -> list[Path]:
    """Every locale directory Django reads, in its order of precedence."""
    dirs = [Path(path) for path in settings.LOCALE_PATHS]
    dirs += [Path(config.path) / "locale" for config in apps.get_app_configs()]
    import django

    dirs.append(Path(django.__file__).parent / "conf" / "locale")
    return [path for path in dirs if path.is_dir()]


def _entries(path: Path) -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


@cache
def translated_messages() -> frozenset[str]:
    """msgids some Vietnamese catalogue translates (not fuzzy, not empty)."""
    found = set()
    for directory in _locale_dirs():
        for po in (directory / LANGUAGE / "LC_MESSAGES").glob("*.po"):
            for entry in _entries(po):
                if entry.fuzzy:
                    continue
                if entry.msgstr or any(entry.msgstr_plural.values()):
                    found.add(entry.msgid)
                    if entry.msgid_plural:
                        found.add(entry.msgid_plural)
    return frozenset(found)


@cache
def source_messages() -> frozenset[str]:
    """Every English msgid of the catalogues in use (the English catalogues
    list all of an app's messages; ours lists the project's)."""
    found = set()
    for directory in _locale_dirs():
        for language in ("en", LANGUAGE):
            for po in (directory / language / "LC_MESSAGES").glob("*.po"):
                for entry in _entries(po):
                    found.add(entry.msgid)
                    if entry.msgid_plural:
                        found.add(entry.msgid_plural)
    found.discard("")
    return frozenset(found)


@cache
def untranslated() -> tuple[frozenset[str], tuple[re.Pattern, ...]]:
    """(plain messages, patterns of messages with placeholders) that no
    Vietnamese catalogue translates."""
    missing = source_messages() - translated_messages()
    plain, patterns = set(), []
    for message in missing:
        text = _normalise(message)
        if not LETTERS.search(PLACEHOLDER.sub("", text)):
            continue
        if PLACEHOLDER.search(text):
            parts = PLACEHOLDER.split(text)
            literal = [re.escape(part) for part in parts[::2]]
            patterns.append(re.compile("^" + "(.+?)".join(literal) + "$", re.DOTALL))
        else:
            plain.add(text)
    return frozenset(plain), tuple(patterns)


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _json_strings(value, found: list[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in JSON_KEYS and isinstance(item, str):
                found.append(item)
            else:
                _json_strings(item, found)
    elif isinstance(value, list):
        for item in value:
            _json_strings(item, found)


def visible_strings(html: str) -> list[str]:
    """The strings a person reads on the page: text, tooltips and labels, and
    the labels inside the JSON props the admin's scripts render."""
    soup = BeautifulSoup(html, "html.parser")
    found: list[str] = []
    for node in soup.find_all(string=True):
        if isinstance(node, Comment) or not isinstance(node, NavigableString):
            continue
        if any(parent.name in HIDDEN for parent in node.parents):
            continue
        found.append(str(node))
    for element in soup.find_all(True):
        for attribute in ATTRIBUTES:
            if element.has_attr(attribute):
                found.append(element[attribute])
        for name, value in element.attrs.items():
            if (
                name.startswith("data-")
                and isinstance(value, str)
                and value[:1] in "[{"
            ):
                try:
                    _json_strings(json.loads(value), found)
                except ValueError:
                    pass
    for script in soup.find_all("script", type="application/json"):
        try:
            _json_strings(json.loads(script.string or ""), found)
        except ValueError:
            pass
    return [text for text in (_normalise(s) for s in found) if LETTERS.search(text)]


def english_left(html: str, project_labels: frozenset[str] = frozenset()) -> set[str]:
    """Strings of `html` that are untranslated messages or project labels."""
    plain, patterns = untranslated()
    left = set()
    for text in visible_strings(html):
        if text in plain or text in project_labels:
            left.add(text)
        elif any(pattern.match(text) for pattern in patterns):
            left.add(text)
    return left
