"""Demo e-forms: the declarations of five demo procedures (birth and marriage
registration, household business, judicial record, house building permit),
in Vietnamese with their English translation, linked from the procedures,
whose declaration document is then filled in online. Idempotent."""

from __future__ import annotations

import json
from pathlib import Path

from wagtail.models import Locale

from cms_pages.models import ProcedurePage
from portal.eforms.models import EForm
from portal.eforms.serialization import form_fields, sections_stream_data
from portal.eforms.translation import save_translation

DATA = Path(__file__).with_name("eforms.json")


def _source_form(definition: dict, locale: Locale) -> EForm:
    form = EForm.objects.filter(key=definition["key"], locale=locale).first()
    if form is None:
        form = EForm(
            key=definition["key"],
            locale=locale,
            sections=sections_stream_data(definition),
            **form_fields(definition),
        )
        form.save()
        form.save_revision().publish()
    return form


def _link(form: EForm, code: str, document_name: str) -> bool:
    """Point the procedure (every language) at the form; mark its declaration."""
    pages = list(ProcedurePage.objects.filter(code=code))
    source = next((p for p in pages if p.locale_id == form.locale_id), None)
    if source is None:
        return False
    replaced = {
        d.translation_key for d in source.documents.all() if d.name == document_name
    }
    changed = False
    for page in pages:
        documents = list(page.documents.all())
        marks = [d.translation_key in replaced for d in documents]
        if page.eform_id == form.pk and all(
            d.filled_online == mark for d, mark in zip(documents, marks, strict=True)
        ):
            continue
        for document, mark in zip(documents, marks, strict=True):
            document.filled_online = mark
        page.documents = documents
        page.eform = form
        page.save_revision().publish()
        changed = True
    return changed


def load_eforms(stdout) -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    vi = Locale.objects.get(language_code="vi")
    en = Locale.objects.filter(language_code="en").first()
    linked = 0
    for entry in data["forms"]:
        form = _source_form(entry["vi"], vi)
        if en is not None and form.get_translation_or_none(en) is None:
            save_translation(form, entry["en"], en)
        for code in entry["procedures"]:
            linked += _link(form, code, entry["replaces_document"])
    stdout.write(
        f"Demo e-forms: {len(data['forms'])} forms, {linked} procedures linked now."
    )
