"""Export of the procedure catalogue in the import format.

`stored_records()` rebuilds canonical records from the database in a fixed
number of queries (pages, their child rows, their translations); the importer
uses it too, to tell which records would change nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import QuerySet
from wagtail.models import Locale

from cms_pages.models import ProcedurePage

from .catalogue_format import (
    Record,
    canonical_record,
    days_to_json,
    dumps,
    keywords_from_text,
)
from .catalogue_forms import stored_form


def source_locale() -> Locale:
    """The locale procedures are written in (Vietnamese)."""
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


def with_rows(qs: QuerySet[ProcedurePage]) -> QuerySet[ProcedurePage]:
    """Procedure pages with their sector, agency and rows (a fixed number of queries)."""
    return qs.select_related("sector", "agency", "eform").prefetch_related(
        "fees", "documents", "steps", "legal_bases"
    )


def raw_record(page: ProcedurePage) -> Record:
    """A page's stored values in the import format (before canonicalisation)."""
    record: Record = {
        "code": page.code,
        "name": page.full_name or page.title,
        "sector": page.sector.name,
        "agency": page.agency.name,
        "level": page.level,
        "online_service": page.online_service,
        "applicant_types": [
            kind
            for kind, flag in (
                ("individual", page.for_individuals),
                ("organization", page.for_organizations),
            )
            if flag
        ],
        "channels": [
            kind
            for kind, flag in (
                ("in_person", page.channel_in_person),
                ("online", page.channel_online),
                ("postal", page.channel_postal),
            )
            if flag
        ],
        "processing_time_days": days_to_json(page.processing_time_days),
        "processing_time_note": page.processing_time_note,
        "fees": [
            {
                "label": fee.label,
                "amount_vnd": fee.amount_vnd,
                "note": fee.note,
                "applies": fee.applies,
            }
            for fee in page.fees.all()
        ],
        "documents": [
            {
                "name": doc.name,
                "originals": doc.originals,
                "copies": doc.copies,
                "required": doc.required,
                "filled_online": doc.filled_online,
                "note": doc.note,
                "template": doc.template_name,
            }
            for doc in page.documents.all()
        ],
        "steps": [step.text for step in page.steps.all()],
        "requirements": page.requirements,
        "legal_basis": [basis.text for basis in page.legal_bases.all()],
        "result": page.result,
        "keywords": keywords_from_text(page.keywords),
        "form": stored_form(page),
    }
    return record


def raw_translation(page: ProcedurePage) -> Record:
    """A translated page's values, in the shape of a `translations` entry."""
    return {
        "name": page.full_name or page.title,
        "sector": page.sector.name,
        "agency": page.agency.name,
        "processing_time_note": page.processing_time_note,
        "fees": [{"label": fee.label, "note": fee.note} for fee in page.fees.all()],
        "documents": [
            {"name": doc.name, "note": doc.note, "template": doc.template_name}
            for doc in page.documents.all()
        ],
        "steps": [step.text for step in page.steps.all()],
        "requirements": page.requirements,
        "legal_basis": [basis.text for basis in page.legal_bases.all()],
        "result": page.result,
        "keywords": keywords_from_text(page.keywords),
        "form": stored_form(page, page.locale.language_code),
    }


def stored_records(
    pages: Iterable[ProcedurePage], languages: Iterable[str] | None = None
) -> dict[str, Record]:
    """Canonical records of the given source-language pages, keyed by code.

    `pages` come from `with_rows()`; `languages` limits the translations looked
    at (default: every other locale).
    """
    pages_list = list(pages)
    translations: dict[tuple[str, object], ProcedurePage] = {}
    locales = Locale.objects.exclude(language_code=settings.LANGUAGE_CODE)
    if languages is not None:
        locales = locales.filter(language_code__in=list(languages))
    locale_codes = {locale.pk: locale.language_code for locale in locales}
    if locale_codes and pages_list:
        translated = with_rows(
            ProcedurePage.objects.filter(
                locale_id__in=list(locale_codes),
                translation_key__in=[p.translation_key for p in pages_list],
            )
        )
        for page in translated:
            translations[(locale_codes[page.locale_id], page.translation_key)] = page
    records = {}
    for page in pages_list:
        raw = raw_record(page)
        page_translations = {
            code: raw_translation(translations[(code, page.translation_key)])
            for code in sorted(locale_codes.values())
            if (code, page.translation_key) in translations
        }
        if page_translations:
            raw["translations"] = page_translations
        records[page.code] = canonical_record(raw)
    return records


def export_records() -> list[Record]:
    """The whole catalogue (every source-language procedure page), ordered by code."""
    pages = with_rows(ProcedurePage.objects.filter(locale=source_locale()))
    records = stored_records(pages)
    return [records[code] for code in sorted(records)]


def export_text() -> str:
    """The whole catalogue as the text of an import file."""
    return dumps(export_records())
