"""What a catalogue record puts on a procedure page (not saved here).

`apply_record` fills a Vietnamese page from a canonical record;
`apply_translation` fills its translation from the translated values, copying
everything that is not text from the Vietnamese page. Both return the page's
child rows (fees, documents, steps, legal bases) rather than setting them:
`catalogue_publish.publish` puts them on the page and keeps them in memory
once saved, so the revision is serialised without reading them back. `translated_texts` lists
the translated page's text by wagtail-localize content path ("result",
"steps.<row translation_key>.text"…), which is what `catalogue_localize`
registers as the page's string translations.
"""

from __future__ import annotations

from typing import Any

from cms_pages.models import (
    ProcedureDocument,
    ProcedureFee,
    ProcedureLegalBasis,
    ProcedurePage,
    ProcedureStep,
)
from cms_pages.snippets import Agency, Sector
from portal.eforms.models import EForm

from .catalogue_format import (
    TITLE_MAX_LENGTH,
    Record,
    keywords_to_text,
    title_for,
    to_decimal_days,
)
from .catalogue_publish import Rows

#: Fields a translated procedure takes over from its source unchanged.
COPIED_FIELDS = (
    "code",
    "level",
    "online_service",
    "for_individuals",
    "for_organizations",
    "channel_in_person",
    "channel_online",
    "channel_postal",
    "processing_time_days",
    "body",
    "eform",
)
#: Text fields of the page that are translated.
PAGE_TEXTS = (
    "title",
    "full_name",
    "slug",
    "processing_time_note",
    "requirements",
    "result",
    "keywords",
)
#: Per child relation: its model, the fields copied unchanged, the translated ones.
ROWS: dict[str, tuple[type, tuple[str, ...], tuple[str, ...]]] = {
    "fees": (ProcedureFee, ("amount_vnd", "applies"), ("label", "note")),
    "documents": (
        ProcedureDocument,
        ("originals", "copies", "required", "filled_online", "template_file_id"),
        ("name", "note", "template_name"),
    ),
    "steps": (ProcedureStep, (), ("text",)),
    "legal_bases": (ProcedureLegalBasis, (), ("text",)),
}


def _set_name(page: ProcedurePage, name: str) -> None:
    page.title = title_for(name)
    page.full_name = name if len(name) > TITLE_MAX_LENGTH else ""


def _sync_rows(
    page: ProcedurePage, relation: str, rows: list[dict[str, Any]]
) -> list[Any]:
    """The rows of a child relation, reusing existing rows position by position.

    Reuse keeps each row's translation_key, so the translations of unchanged
    rows (steps, documents…) stay attached.
    """
    model = ROWS[relation][0]
    existing = list(getattr(page, relation).all()) if page.pk else []
    objects = []
    for position, values in enumerate(rows):
        obj = existing[position] if position < len(existing) else model()
        obj.locale = page.locale
        for name, value in values.items():
            setattr(obj, name, value)
        obj.sort_order = position
        objects.append(obj)
    return objects


def apply_record(
    page: ProcedurePage,
    record: Record,
    sector: Sector,
    agency: Agency,
    form: EForm | None = None,
) -> Rows:
    """Copy a canonical record onto a source-language page (and its e-form);
    returns its rows."""
    page.eform = form
    _set_name(page, record["name"])
    page.code = record["code"]
    page.sector, page.agency = sector, agency
    page.level = record["level"]
    page.online_service = record["online_service"]
    page.for_individuals = "individual" in record["applicant_types"]
    page.for_organizations = "organization" in record["applicant_types"]
    page.channel_in_person = "in_person" in record["channels"]
    page.channel_online = "online" in record["channels"]
    page.channel_postal = "postal" in record["channels"]
    page.processing_time_days = to_decimal_days(record["processing_time_days"])
    page.processing_time_note = record.get("processing_time_note", "")
    page.requirements = record.get("requirements", "")
    page.result = record["result"]
    page.keywords = keywords_to_text(record.get("keywords", []))
    fees = [
        {
            "label": f["label"],
            "amount_vnd": f["amount_vnd"],
            "note": f.get("note", ""),
            "applies": f.get("applies", "always"),
        }
        for f in record.get("fees", [])
    ]
    documents = [
        {
            "name": d["name"],
            "originals": d.get("originals"),
            "copies": d.get("copies"),
            "required": d.get("required", True),
            "filled_online": d.get("filled_online", False),
            "note": d.get("note", ""),
            "template_name": d.get("template", ""),
        }
        for d in record["documents"]
    ]
    return {
        "fees": _sync_rows(page, "fees", fees),
        "documents": _sync_rows(page, "documents", documents),
        "steps": _sync_rows(page, "steps", [{"text": s} for s in record["steps"]]),
        "legal_bases": _sync_rows(
            page, "legal_bases", [{"text": t} for t in record.get("legal_basis", [])]
        ),
    }


def _translated_rows(values: Record) -> dict[str, list[dict[str, str]]]:
    """The translated text of every row, per relation, in the source's order."""
    return {
        "fees": [{"label": f["label"], "note": f["note"]} for f in values["fees"]],
        "documents": [
            {"name": d["name"], "note": d["note"], "template_name": d["template"]}
            for d in values["documents"]
        ],
        "steps": [{"text": s} for s in values["steps"]],
        "legal_bases": [{"text": t} for t in values["legal_basis"]],
    }


def apply_translation(
    page: ProcedurePage,
    source: ProcedurePage,
    values: Record,
    sector: Sector,
    agency: Agency,
) -> Rows:
    """Fill the translation of `source` with translated `values`; returns its rows.

    Rows mirror the source's rows and keep their translation_keys, as
    wagtail-localize's own translations do.
    """
    for name in COPIED_FIELDS:
        setattr(page, name, getattr(source, name))
    _set_name(page, values["name"])
    page.sector, page.agency = sector, agency
    page.processing_time_note = values["processing_time_note"]
    page.requirements = values["requirements"]
    page.result = values["result"]
    page.keywords = keywords_to_text(values["keywords"])
    texts = _translated_rows(values)
    result: Rows = {}
    for relation, (model, copied, _translated) in ROWS.items():
        existing = (
            {row.translation_key: row for row in getattr(page, relation).all()}
            if page.pk
            else {}
        )
        rows = []
        for position, (source_row, text) in enumerate(
            zip(getattr(source, relation).all(), texts[relation], strict=True)
        ):
            row = existing.get(source_row.translation_key) or model(
                translation_key=source_row.translation_key
            )
            row.locale = page.locale
            for name in copied:
                setattr(row, name, getattr(source_row, name))
            for name, value in text.items():
                setattr(row, name, value)
            row.sort_order = position
            rows.append(row)
        result[relation] = rows
    return result


def translated_texts(page: ProcedurePage) -> dict[str, str]:
    """Every translated text of `page` by wagtail-localize content path."""
    texts = {name: getattr(page, name) for name in PAGE_TEXTS}
    for relation, (_model, _copied, translated) in ROWS.items():
        for row in getattr(page, relation).all():
            for name in translated:
                texts[f"{relation}.{row.translation_key}.{name}"] = getattr(row, name)
    return texts
