"""Which texts of a translated procedure page are not translated yet.

The importer fills a translated page's untranslated fields with the Vietnamese
text (or leaves them empty), so an English page could show Vietnamese
paragraphs. The page instead hides them and says, in one line per section,
that this part is only in Vietnamese, with a link to the Vietnamese text.

A text counts as untranslated when it is the same as the source page's text
and that text uses Vietnamese letters (so "50%" or a form number written the
same in both languages is fine), or when it is empty while the source has text.
Rows are matched to the source rows by translation_key, as the importer and
wagtail-localize link them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import prefetch_related_objects
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from portal.text import has_vietnamese_letters

PAGE_FIELDS = ("processing_time_note", "requirements", "result")
ROW_FIELDS: dict[str, tuple[str, ...]] = {
    "fees": ("label", "note"),
    "documents": ("name", "note", "template_name"),
    "steps": ("text",),
    "legal_bases": ("text",),
}
# Where each gap is shown on the procedure page (the section's anchor there).
SECTION_OF = {
    "processing_time_note": "glance",
    "result": "glance",
    "fees": "glance",
    "documents": "documents",
    "steps": "steps",
    "requirements": "requirements",
    "legal_bases": "legal",
}


def is_untranslated(text: str, source_text: str) -> bool:
    """True when `text` is not a translation of `source_text` (see module doc)."""
    text, source_text = (text or "").strip(), (source_text or "").strip()
    if not source_text:
        return False
    if not text:
        return True
    return text == source_text and has_vietnamese_letters(source_text)


@dataclass
class TranslationGaps:
    """What a translated page lacks, and where to read it in the source language."""

    source_url: str = ""
    source_language: str = ""
    fields: set[str] = field(default_factory=set)
    rows: dict[str, dict[int, set[str]]] = field(default_factory=dict)
    # Source rows the translation has no row for (a shorter translated list).
    missing_rows: dict[str, int] = field(default_factory=dict)

    @property
    def sections(self) -> set[str]:
        """Sections of the page with at least one untranslated text."""
        names = (
            set(self.fields)
            | {name for name, gaps in self.rows.items() if gaps}
            | {name for name, count in self.missing_rows.items() if count}
        )
        return {SECTION_OF[name] for name in names}

    def __bool__(self) -> bool:
        return bool(self.sections)


def _default_language() -> str:
    """The default content language, from the settings: Locale.get_default()
    costs a query on every page view, and the pages' locales are loaded."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def source_page(page: Page) -> tuple[Page | None, str]:
    """The live page this one translates, in the default language, and that
    language; read once per page object (the rows' prefetch and the gaps
    both ask)."""
    default = _default_language()
    if page.locale.language_code == default:
        return None, ""
    if "translation_source" not in page.__dict__:
        page.__dict__["translation_source"] = (
            type(page)
            .objects.live()
            .filter(translation_key=page.translation_key, locale__language_code=default)
            .first()
        )
    return page.__dict__["translation_source"], default


def _row_gaps(
    rows: list[Any], source_rows: list[Any], names: tuple[str, ...]
) -> tuple[dict[int, set[str]], int]:
    """Untranslated fields per row, and how many source rows have no translation."""
    by_key = {row.translation_key: row for row in source_rows}
    gaps: dict[int, set[str]] = {}
    for row in rows:
        source = by_key.pop(row.translation_key, None)
        row.untranslated = set()
        if source is None:
            continue
        row.untranslated = {
            name
            for name in names
            if is_untranslated(getattr(row, name), getattr(source, name))
        }
        if row.untranslated:
            gaps[row.pk] = row.untranslated
    return gaps, len(by_key)


def procedure_gaps(page: Page) -> TranslationGaps:
    """The untranslated texts of a procedure page (nothing for a source page).

    Marks each row (fee, document, step, legal basis) with an `untranslated`
    set of field names, which the templates read. The page's own rows must be
    prefetched (ProcedurePage.get_context does it), so the templates see the
    same row objects.
    """
    source, language = source_page(page)
    if source is None:
        for name in ROW_FIELDS:
            for row in getattr(page, name).all():
                row.untranslated = set()
        return TranslationGaps()
    prefetch_related_objects([source], *ROW_FIELDS)  # done with the page's, usually
    gaps = TranslationGaps(
        source_url=source.url or "",
        source_language=language,
        fields={
            name
            for name in PAGE_FIELDS
            if is_untranslated(getattr(page, name), getattr(source, name))
        },
    )
    for name, fields in ROW_FIELDS.items():
        gaps.rows[name], gaps.missing_rows[name] = _row_gaps(
            list(getattr(page, name).all()), list(getattr(source, name).all()), fields
        )
    return gaps


@dataclass
class UntranslatedEntry:
    """A procedure the visitor asked for in a language it is not published in."""

    code: str
    source: Page
    translation: Page | None = None


def untranslated_entry(catalogue: Page, code: str) -> UntranslatedEntry | None:
    """The procedure `code` as published in another language than `catalogue`'s.

    What the catalogue shows when the language switcher could not find the
    procedure in this language: the source page to read, or the translation
    if it has been published since the link was made. None for an unknown code.
    """
    from cms_pages.models import ProcedurePage

    code = (code or "").strip()[:32]
    if not code:
        return None
    pages = list(
        ProcedurePage.objects.live()
        .public()
        .filter(code=code)
        .select_related("locale", "agency", "sector")
    )
    here = next((p for p in pages if p.locale_id == catalogue.locale_id), None)
    others = [p for p in pages if p.locale_id != catalogue.locale_id]
    default = _default_language()
    others.sort(key=lambda p: p.locale.language_code != default)
    if not others:
        return None
    return UntranslatedEntry(code=code, source=others[0], translation=here)
