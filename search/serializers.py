"""A procedure in the catalogue's import/export format (procedures.schema.json).

The API's `/api/procedures/<code>/` returns this plus `url`. It is written so
the catalogue's own exporter can replace it: one function, page in, dict out.
"""

from typing import Any

from wagtail.models import Locale

from cms_pages.models import ProcedurePage


def _number(value) -> int | float:
    number = float(value)
    return int(number) if number.is_integer() else number


def _translation_fields(page: ProcedurePage) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": page.name,
        "sector": page.sector.name,
        "agency": page.agency.name,
        "result": page.result,
        "steps": [step.text for step in page.steps.all()],
        "documents": [doc.name for doc in page.documents.all()],
    }
    if page.requirements:
        data["requirements"] = page.requirements
    return data


def procedure_record(page: ProcedurePage) -> dict[str, Any]:
    """The import-format record of a procedure: source language, with translations."""
    source = page
    default = Locale.get_default()
    if page.locale_id != default.id:
        source = (
            ProcedurePage.objects.live()
            .filter(translation_key=page.translation_key, locale=default)
            .first()
            or page
        )
    applicant_types = [
        kind
        for kind, flag in (
            ("individual", source.for_individuals),
            ("organization", source.for_organizations),
        )
        if flag
    ]
    channels = [
        kind
        for kind, flag in (
            ("in_person", source.channel_in_person),
            ("online", source.channel_online),
            ("postal", source.channel_postal),
        )
        if flag
    ]
    record: dict[str, Any] = {
        "code": source.code,
        "name": source.name,
        "sector": source.sector.name,
        "agency": source.agency.name,
        "level": source.level,
        "online_service": source.online_service,
        "applicant_types": applicant_types,
        "channels": channels,
        "processing_time_days": _number(source.processing_time_days),
    }
    if source.processing_time_note:
        record["processing_time_note"] = source.processing_time_note
    record["fees"] = [
        {
            k: v
            for k, v in (
                ("label", f.label),
                ("amount_vnd", f.amount_vnd),
                ("note", f.note),
            )
            if k != "note" or v
        }
        for f in source.fees.all()
    ]
    documents = []
    for doc in source.documents.all():
        item: dict[str, Any] = {"name": doc.name}
        if doc.originals is not None:
            item["originals"] = doc.originals
        if doc.copies is not None:
            item["copies"] = doc.copies
        if not doc.required:
            item["required"] = False
        if doc.note:
            item["note"] = doc.note
        if doc.template_name:
            item["template"] = doc.template_name
        documents.append(item)
    record["documents"] = documents
    record["steps"] = [step.text for step in source.steps.all()]
    if source.requirements:
        record["requirements"] = source.requirements
    record["legal_basis"] = [basis.text for basis in source.legal_bases.all()]
    record["result"] = source.result
    if source.keyword_list:
        record["keywords"] = source.keyword_list
    translations = {}
    for other in (
        ProcedurePage.objects.live()
        .filter(translation_key=source.translation_key)
        .exclude(pk=source.pk)
        .select_related("locale", "sector", "agency")
    ):
        if other.alias_of_id is None:
            translations[other.locale.language_code] = _translation_fields(other)
    if translations:
        record["translations"] = translations
    return record
