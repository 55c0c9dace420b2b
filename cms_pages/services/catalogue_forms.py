"""E-forms in the catalogue file: a record's optional `form` (the definition in
the shape of `GET /api/procedures/CODE/`), `translations.<lang>.form` (the same
shape, other texts) and documents marked `filled_online`.

Forms are shared: records whose forms have the same `key` (made from the title
when missing) point at one snippet, so the definitions must agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import translation
from wagtail.models import Locale

from portal.eforms.models import EForm
from portal.eforms.serialization import (
    canonical_definition,
    form_fields,
)
from portal.eforms.translation import (
    save_translation,
    structure_errors,
    translated_stream,
)
from portal.eforms.validation import definition_errors

from .catalogue_format import Record


def form_problems(records: Sequence[tuple[int, dict[str, Any]]], problem) -> list[Any]:
    """Errors of the forms in (index, record) pairs, as `problem(index, code, text)`."""
    errors = []
    first: dict[str, tuple[int, Record]] = {}
    with translation.override("en"):
        for index, record in records:
            code = record["code"]
            form = record.get("form")
            for language, values in (record.get("translations") or {}).items():
                if "form" in values and not form:
                    errors.append(
                        problem(
                            index,
                            code,
                            f"translations.{language}.form: the record has no form",
                        )
                    )
            if not form:
                continue
            found = definition_errors(form)
            errors += [problem(index, code, f"form: {text}") for text in found]
            if found:
                continue
            canonical = canonical_definition(form)
            earlier = first.setdefault(canonical["key"], (index, canonical))
            if earlier[1] != canonical:
                errors.append(
                    problem(
                        index,
                        code,
                        f"form: record #{earlier[0]} has another form with the key "
                        f"“{canonical['key']}”; shared forms must be identical",
                    )
                )
            for language, values in (record.get("translations") or {}).items():
                if values.get("form"):
                    texts = structure_errors(form, values["form"])
                    texts += definition_errors(values["form"])
                    errors += [
                        problem(index, code, f"translations.{language}.form: {t}")
                        for t in texts
                    ]
    return errors


def stored_form(page, language: str | None = None) -> dict[str, Any] | None:
    """The page's published form (in `language` when given and translated)."""
    form = page.eform
    if form is None or not form.live:
        return None
    if language is None:
        return form.definition
    locale = Locale.objects.filter(language_code=language).first()
    translated = form.get_translation_or_none(locale) if locale else None
    return translated.definition if translated is not None and translated.live else None


def write_forms(records: Sequence[Record], locale: Locale) -> dict[str, EForm]:
    """Create or update the source-language snippets of these records' forms."""
    forms: dict[str, EForm] = {}
    for record in records:
        definition = record.get("form")
        if not definition or definition["key"] in forms:
            continue
        form = EForm.objects.filter(key=definition["key"], locale=locale).first()
        if form is None:
            form = EForm(key=definition["key"], locale=locale, sections=[])
        if form.pk is None or not form.live or form.definition != definition:
            for field, value in form_fields(definition).items():
                setattr(form, field, value)
            # Blocks keep their ids where the structure stays, so wagtail-localize
            # translations of unchanged questions stay attached.
            form.sections = translated_stream(
                form.sections.raw_data if form.pk else [], definition
            )
            form.save()
            form.save_revision().publish()
        forms[definition["key"]] = form
    return forms


def write_form_translation(
    form: EForm, definition: dict[str, Any], locale: Locale
) -> None:
    """Create or update the translation of `form` when the file's differs."""
    current = form.get_translation_or_none(locale)
    if current is not None and current.live and current.definition == definition:
        return
    save_translation(form, definition, locale)
