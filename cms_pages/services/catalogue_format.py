"""The catalogue's import/export format and its canonical (normalised) form.

One procedure is a JSON object described by `demo/procedures.schema.json`.
Several spellings of a record mean the same catalogue entry (channels in another
order, `"required": true` written out, a missing `applicant_types`), so both the
importer and the exporter go through `canonical_record()`: a record read from a
file and a record rebuilt from the database compare equal exactly when the
stored procedure would not change. The exporter writes canonical records, which
makes export → import → export byte-identical.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from django.conf import settings

from cms_pages.keywords import keywords_from_text, keywords_to_text
from portal.eforms.serialization import canonical_definition
from portal.text import ascii_slug

SCHEMA_PATH = Path(settings.BASE_DIR) / "demo" / "procedures.schema.json"

#: Page titles are limited to 255 characters; longer names go to `full_name`.
TITLE_MAX_LENGTH = 255
SLUG_MAX_LENGTH = 80
APPLICANT_TYPES = ("individual", "organization")
CHANNELS = ("in_person", "online", "postal")
#: Translation fields the format knows, in the order a canonical translation
#: writes them (the record's own order). The schema allows others; they are
#: ignored with a warning.
TRANSLATION_FIELDS = (
    "name",
    "sector",
    "agency",
    "processing_time_note",
    "fees",
    "documents",
    "steps",
    "requirements",
    "legal_basis",
    "result",
    "keywords",
)
#: Translated list items that are objects: their first key is the one a plain
#: string stands for (`"documents": ["Tờ khai"]` translates only the name).
ITEM_FIELDS = {
    "fees": ("label", "note"),
    "documents": ("name", "note", "template"),
}
#: Translated lists of plain strings, aligned item by item with the source.
TEXT_LISTS = ("steps", "legal_basis")
TIME_QUANTUM = Decimal("0.01")

Record = dict[str, Any]


def load_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of the import/export format."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def to_decimal_days(value: Any) -> Decimal:
    """Processing time as stored: a Decimal with two places (0.5 stays 0.5)."""
    return Decimal(str(value)).quantize(TIME_QUANTUM, rounding=ROUND_HALF_UP)


def days_to_json(value: Decimal) -> int | float:
    """3 rather than 3.00, 0.5 rather than "0.50"."""
    if value == value.to_integral_value():
        return int(value)
    return float(value.normalize())


def title_for(name: str) -> str:
    """The page title for a procedure name: cut at a word before 255 characters."""
    if len(name) <= TITLE_MAX_LENGTH:
        return name
    cut = name[: TITLE_MAX_LENGTH - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return f"{cut}…"


def slug_for(code: str, name: str) -> str:
    """An ASCII slug built from the code and the name, e.g. 2-001612-dang-ky-…"""
    code = code.replace(".", "-")
    return ascii_slug(f"{code} {name}", SLUG_MAX_LENGTH) or ascii_slug(
        code, SLUG_MAX_LENGTH
    )


@dataclass
class SnippetNames:
    """English names of sectors and agencies, keyed by their Vietnamese names."""

    sectors: dict[str, str] = field(default_factory=dict)
    agencies: dict[str, str] = field(default_factory=dict)


def canonical_record(
    record: Mapping[str, Any],
    translated_names: Mapping[str, SnippetNames] | None = None,
) -> Record:
    """The canonical form of one procedure: what an export of it would write.

    `translated_names` gives, per locale, the names that the sector and agency
    will carry in that locale (they are shared by every procedure of the sector,
    so they are resolved over the whole file and the database first).
    """
    translated_names = translated_names or {}
    out: Record = {
        "code": record["code"],
        "name": record["name"],
        "sector": record["sector"],
        "agency": record["agency"],
        "level": record["level"],
        "online_service": record["online_service"],
    }
    applicants = record.get("applicant_types")
    out["applicant_types"] = [
        a for a in APPLICANT_TYPES if applicants is None or a in applicants
    ]
    channels = record.get("channels")
    out["channels"] = [
        c for c in CHANNELS if (c == "in_person" if channels is None else c in channels)
    ]
    out["processing_time_days"] = days_to_json(
        to_decimal_days(record["processing_time_days"])
    )
    if record.get("processing_time_note"):
        out["processing_time_note"] = record["processing_time_note"]
    fees = [canonical_fee(fee) for fee in record.get("fees") or []]
    if fees:
        out["fees"] = fees
    out["documents"] = [
        canonical_document(doc) for doc in record.get("documents") or []
    ]
    out["steps"] = list(record["steps"])
    if record.get("requirements"):
        out["requirements"] = record["requirements"]
    if record.get("legal_basis"):
        out["legal_basis"] = list(record["legal_basis"])
    out["result"] = record["result"]
    keywords = keywords_from_text(keywords_to_text(record.get("keywords") or []))
    if keywords:
        out["keywords"] = keywords
    if record.get("form"):
        out["form"] = canonical_definition(record["form"])
    translations = record.get("translations") or {}
    if translations:
        out["translations"] = {
            language: canonical_translation(
                out, translations[language], translated_names.get(language)
            )
            for language in sorted(translations)
        }
    return out


def canonical_fee(fee: Mapping[str, Any]) -> Record:
    out: Record = {"label": fee["label"], "amount_vnd": fee.get("amount_vnd")}
    if fee.get("note"):
        out["note"] = fee["note"]
    # "always" is the default: written only when a fee is not simply added up.
    if fee.get("applies", "always") != "always":
        out["applies"] = fee["applies"]
    return out


def canonical_document(doc: Mapping[str, Any]) -> Record:
    out: Record = {"name": doc["name"]}
    for key in ("originals", "copies"):
        if doc.get(key) is not None:
            out[key] = doc[key]
    if doc.get("required", True) is False:
        out["required"] = False
    if doc.get("filled_online"):
        out["filled_online"] = True
    for key in ("note", "template"):
        if doc.get(key):
            out[key] = doc[key]
    return out


def _item_values(
    source_item: Mapping[str, Any], item: Any, keys: Sequence[str]
) -> Record:
    """One translated fee or document, every key filled (source where untranslated).

    A key the Vietnamese item leaves empty stays empty: there is nothing to
    translate, and wagtail-localize would drop it on the next sync.
    """
    if isinstance(item, str):
        item = {keys[0]: item}
    item = item or {}
    return {
        key: (item.get(key) or source_item.get(key, "")) if source_item.get(key) else ""
        for key in keys
    }


def _aligned(translated: Sequence[Any] | None, length: int) -> list[Any]:
    """A translated list cut or padded (with None) to the source's length."""
    items = list(translated or [])[:length]
    return items + [None] * (length - len(items))


def translated_values(
    source: Mapping[str, Any],
    translation: Mapping[str, Any],
    names: SnippetNames | None,
) -> Record:
    """Every translatable value of a procedure in one locale, with fallbacks applied.

    Text the file does not translate falls back to the Vietnamese text (list
    items one by one); text the Vietnamese record leaves empty stays empty.
    """
    names = names or SnippetNames()
    values: Record = {
        "name": translation.get("name") or source["name"],
        "sector": names.sectors.get(source["sector"])
        or translation.get("sector")
        or source["sector"],
        "agency": names.agencies.get(source["agency"])
        or translation.get("agency")
        or source["agency"],
    }
    for key in ("processing_time_note", "requirements", "result"):
        own = source.get(key) or ""
        values[key] = (translation.get(key) or own) if own else ""
    for key, keys in ITEM_FIELDS.items():
        source_items = source.get(key) or []
        values[key] = [
            _item_values(src, item, keys)
            for src, item in zip(
                source_items,
                _aligned(translation.get(key), len(source_items)),
                strict=True,
            )
        ]
    for key in TEXT_LISTS:
        source_items = source.get(key) or []
        values[key] = [
            item or src
            for src, item in zip(
                source_items,
                _aligned(translation.get(key), len(source_items)),
                strict=True,
            )
        ]
    own_keywords = keywords_from_text(keywords_to_text(source.get("keywords") or []))
    keywords = keywords_from_text(keywords_to_text(translation.get("keywords") or []))
    values["keywords"] = (keywords or own_keywords) if own_keywords else []
    return values


def _source_values(source: Mapping[str, Any]) -> Record:
    """The Vietnamese values in the shape of `translated_values()`."""
    return translated_values(source, {}, None)


def _canonical_items(
    values: list[Record], source_values: list[Record], keys: Sequence[str]
) -> list[Any]:
    """Translated fees or documents: a string when only the first key is translated."""
    out: list[Any] = []
    for item, src in zip(values, source_values, strict=True):
        extra = {k: item[k] for k in keys[1:] if item[k] != src[k]}
        out.append({keys[0]: item[keys[0]], **extra} if extra else item[keys[0]])
    return out


def canonical_translation(
    source: Mapping[str, Any],
    translation: Mapping[str, Any],
    names: SnippetNames | None,
) -> Record:
    """Only what differs from the Vietnamese source (the rest falls back to it).

    Lists are written whole (aligned with the source) when any item differs.
    """
    values = translated_values(source, translation, names)
    source_values = _source_values(source)
    out: Record = {}
    for key in TRANSLATION_FIELDS:
        if not values[key] or values[key] == source_values[key]:
            continue
        if key in ITEM_FIELDS:
            out[key] = _canonical_items(
                values[key], source_values[key], ITEM_FIELDS[key]
            )
        else:
            out[key] = values[key]
    form = translation.get("form")
    if form and source.get("form"):
        form = canonical_definition(form)
        if form != source["form"]:
            out["form"] = form
    return out


def dumps(records: Sequence[Record]) -> str:
    """The file text for a list of canonical records (stable, UTF-8, indented)."""
    return json.dumps(list(records), ensure_ascii=False, indent=2) + "\n"
