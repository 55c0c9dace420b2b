"""Find English left in a Vietnamese admin page.

A string shown in the admin is "untranslated" when it is the English source
of a message (ours, Wagtail's, wagtail-localize's or Django's) that no
Vietnamese catalogue translates, or a label the project defines (model
fields, blocks, panels, menus) that comes out the same in Vietnamese as in
English. A form label or column heading that reads exactly like an English
message Vietnamese translates differently was written without gettext (Django
labels an unlabelled form field with its name: "Locale"). Messages with
placeholders ("This %(model_name)s is referenced %(count)s times") are
matched as patterns, so a half-translated sentence ("This lĩnh vực is
referenced 3 times") is caught too.
"""

import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext

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
# Elements whose text names a field or a column: never content.
LABELS = {"label", "th"}


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
def source_messages(include_project: bool = True) -> frozenset[str]:
    """Every English msgid of the catalogues in use (the English catalogues
    list all of an app's messages; ours lists the project's)."""
    found = set()
    project = {Path(path) for path in settings.LOCALE_PATHS}
    for directory in _locale_dirs():
        if directory in project and not include_project:
            continue
        for language in ("en", LANGUAGE):
            for po in (directory / language / "LC_MESSAGES").glob("*.po"):
                for entry in _entries(po):
                    found.add(entry.msgid)
                    if entry.msgid_plural:
                        found.add(entry.msgid_plural)
    found.discard("")
    return frozenset(found)


def split_messages(messages) -> tuple[frozenset[str], tuple[re.Pattern, ...]]:
    """(plain messages, patterns of messages with placeholders)."""
    plain, patterns = set(), []
    for message in messages:
        text = _normalise(message)
        # Too little fixed text to tell a message from content ("%(day)sst").
        if len(re.findall(r"[A-Za-z]", PLACEHOLDER.sub("", text))) < 4:
            continue
        if PLACEHOLDER.search(text):
            parts = PLACEHOLDER.split(text)
            literal = [re.escape(part) for part in parts[::2]]
            patterns.append(re.compile("^" + "(.+?)".join(literal) + "$", re.DOTALL))
        else:
            plain.add(text)
    return frozenset(plain), tuple(patterns)


@cache
def untranslated() -> tuple[frozenset[str], tuple[re.Pattern, ...]]:
    """Messages no Vietnamese catalogue translates, split as above."""
    return split_messages(source_messages() - translated_messages())


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


class _TextCollector(HTMLParser):
    """Collects text nodes, readable attributes and JSON props in one pass."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.labels: list[str] = []
        self.in_label = 0
        self.hidden = 0
        self.json_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in LABELS:
            self.in_label += 1
            self.labels.append("")
        if tag in HIDDEN:
            self.hidden += 1
            self.json_script = (
                tag == "script" and attributes.get("type") == "application/json"
            )
        for name, value in attributes.items():
            if not value:
                continue
            if name in ATTRIBUTES:
                self.found.append(value)
            elif name.startswith("data-") and value[:1] in "[{":
                self._json(value)

    def handle_endtag(self, tag):
        if tag in LABELS and self.in_label:
            self.in_label -= 1
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1
            self.json_script = False

    def handle_data(self, data):
        if self.json_script:
            self._json(data)
        elif not self.hidden:
            self.found.append(data)
            if self.in_label:
                self.labels[-1] += data

    def _json(self, text: str) -> None:
        try:
            _json_strings(json.loads(text), self.found)
        except ValueError:
            pass


def _collect(html: str) -> _TextCollector:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return collector


def _readable(strings: list[str]) -> list[str]:
    return [text for text in (_normalise(s) for s in strings) if LETTERS.search(text)]


def visible_strings(html: str) -> list[str]:
    """The strings a person reads on the page: text, tooltips and labels, and
    the labels inside the JSON props the admin's scripts render."""
    return _readable(_collect(html).found)


def label_strings(html: str) -> list[str]:
    """The text of the page's form labels and column headings, without the
    mark of a required field."""
    return [text.rstrip(" *") for text in _readable(_collect(html).labels)]


def english_left(
    html: str, project_labels: frozenset[str] = frozenset(), missing=None
) -> set[str]:
    """Strings of `html` that are untranslated messages or project labels
    (`missing`: split_messages() of other messages, for testing)."""
    plain, patterns = missing or untranslated()
    left = set()
    for text in visible_strings(html):
        if text in plain or text in project_labels:
            left.add(text)
        elif any(pattern.match(text) for pattern in patterns):
            left.add(text)
    # Under translation.override(LANGUAGE): a label Vietnamese would word
    # differently was never passed through gettext.
    left.update(text for text in label_strings(html) if gettext(text) != text)
    return left
