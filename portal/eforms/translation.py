"""Translations of an e-form given as a definition of the same shape (the
catalogue file's and the demo's way): only the texts differ; names, types,
choice values, limits and conditions stay those of the source.

The translated snippet keeps the source's block ids, so wagtail-localize sees
it as the translation it is and editors can go on with its usual tools.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from . import definition as d
from .serialization import form_fields, sections_stream_data

# Keys whose values are words people read; everything else is structure.
TEXT_KEYS = {
    "title",
    "intro",
    "label",
    "hint",
    "item_label",
    "unit",
    "reference",
    "signature_caption",
}


def _structure(value: Any) -> Any:
    """The definition with every text left out."""
    if isinstance(value, dict):
        return {k: _structure(v) for k, v in value.items() if k not in TEXT_KEYS}
    if isinstance(value, list):
        return [_structure(item) for item in value]
    return value


def structure_errors(source: d.Definition, translated: d.Definition) -> list[str]:
    """Why a translated definition is not a translation of `source` (empty: it is)."""
    if _structure(source) != _structure(translated):
        return [
            _(
                "The translated form must have the same sections, questions, machine "
                "names, types, choices and conditions as the Vietnamese one; only "
                "texts may differ."
            )
        ]
    return []


def _copy_ids(target: list[dict], source: list[dict]) -> None:
    """Give translated blocks the ids of the source blocks they translate."""
    for new, old in zip(target, source, strict=False):
        if not isinstance(old, dict) or new.get("type") != old.get("type"):
            continue
        if old.get("id"):
            new["id"] = old["id"]
        new_value, old_value = new.get("value"), old.get("value")
        if isinstance(new_value, dict) and isinstance(old_value, dict):
            for key in ("questions", "choices"):
                if isinstance(new_value.get(key), list) and isinstance(
                    old_value.get(key), list
                ):
                    _copy_ids(new_value[key], old_value[key])


def translated_stream(source_raw: list[dict], translated: d.Definition) -> list[dict]:
    """StreamField data for the translation, with the source's block ids."""
    data = sections_stream_data(translated)
    _copy_ids(data, list(source_raw))
    return data


def save_translation(source, translated: d.Definition, locale):
    """Create or update the `locale` translation of an EForm from a translated
    definition of the same shape, published like its source."""
    form = source.get_translation_or_none(locale) or source.copy_for_translation(locale)
    for field, value in form_fields(translated).items():
        setattr(form, field, value)
    form.key = source.key
    form.sections = translated_stream(source.sections.raw_data, translated)
    if form.pk is None:
        form.live = source.live
        form.save()
    if source.live:
        form.save_revision().publish()
    else:
        form.save()
    return form
