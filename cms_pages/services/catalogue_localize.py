"""Imported translations as wagtail-localize translations that editors can sync.

For each imported object with a translation (a procedure page, a sector, an
agency) the importer leaves wagtail-localize what it would have after an
editor translated the object in its editor:

- a `TranslationSource` of the Vietnamese object with its segments, the rows
  `TranslationSource.update_or_create_from_instance` leaves, written for a
  whole batch at once by `localize_sources.update_sources`;
- a `Translation` of that source into the target locale, enabled, so the
  translated object is a *synced* translation ("Sync translated pages" on the
  Vietnamese page updates it, and its editor is wagtail-localize's);
- one `StringTranslation` per translated segment, holding the text the file
  gives, so a sync rebuilds the same text instead of falling back to
  Vietnamese. Segments the file does not translate get none (they fall back
  to the Vietnamese text, as the importer's own pages do).

The translated object itself is written by the importer's one publish path
(`catalogue_publish.publish`) from the same values; only objects whose record
changed come here, and the string records of a whole batch are written with
a few bulk queries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db.models import Model
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
)
from wagtail_localize.strings import StringValue

from .localize_sources import update_sources

#: Shown to editors in wagtail-localize's editor ("Translated with … on …").
TOOL_NAME = "import_procedures"
BATCH = 200


@dataclass
class Translated:
    """A source object and the translated text of each of its content paths."""

    source: Model
    texts: Mapping[str, str]


def _as_string(text: str) -> str:
    """Plain text in wagtail-localize's string form (escaped, <br> for newlines)."""
    return StringValue.from_plaintext(text).data


def register(items: Sequence[Translated], locale: Locale) -> None:
    """Make each item's translation into `locale` a synced wagtail-localize one."""
    for start in range(0, len(items), BATCH):
        _register_batch(items[start : start + BATCH], locale)


def _register_batch(items: Sequence[Translated], locale: Locale) -> None:
    sources = update_sources([item.source for item in items])
    texts_by_source: dict[int, Mapping[str, str]] = {
        source.pk: item.texts for source, item in zip(sources, items, strict=True)
    }
    _enable_translations(list(texts_by_source), locale)
    wanted: dict[tuple[int, int], str] = {}
    contexts: set[int] = set()
    for segment in StringSegment.objects.filter(
        source_id__in=list(texts_by_source)
    ).select_related("context", "string"):
        contexts.add(segment.context_id)
        text = texts_by_source[segment.source_id].get(segment.context.path)
        if text is None:
            continue
        data = _as_string(text)
        if data != segment.string.data:
            wanted[(segment.string_id, segment.context_id)] = data
    _write_strings(wanted, contexts, locale)


def _enable_translations(source_ids: list[int], locale: Locale) -> None:
    existing = Translation.objects.filter(
        source_id__in=source_ids, target_locale=locale
    )
    have = set(existing.values_list("source_id", flat=True))
    existing.filter(enabled=False).update(enabled=True)
    Translation.objects.bulk_create(
        [
            Translation(source_id=pk, target_locale=locale, enabled=True)
            for pk in source_ids
            if pk not in have
        ]
    )


def _write_strings(
    wanted: dict[tuple[int, int], str], contexts: set[int], locale: Locale
) -> None:
    """Make the string translations of these contexts exactly `wanted`.

    Translations of a context the file leaves untranslated are removed, so the
    text falls back to Vietnamese on the page and on every later sync alike.
    """
    changed: list[StringTranslation] = []
    stale: list[int] = []
    now = timezone.now()
    for row in StringTranslation.objects.filter(
        locale=locale, context_id__in=list(contexts)
    ):
        data = wanted.pop((row.translation_of_id, row.context_id), None)
        if data is None:
            stale.append(row.pk)
        elif data != row.data or row.has_error:
            row.data, row.has_error, row.field_error = data, False, ""
            row.tool_name, row.updated_at = TOOL_NAME, now
            changed.append(row)
    StringTranslation.objects.filter(pk__in=stale).delete()
    StringTranslation.objects.bulk_update(
        changed, ["data", "has_error", "field_error", "tool_name", "updated_at"]
    )
    StringTranslation.objects.bulk_create(
        [
            StringTranslation(
                translation_of_id=string_id,
                context_id=context_id,
                locale=locale,
                data=data,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                tool_name=TOOL_NAME,
            )
            for (string_id, context_id), data in wanted.items()
        ]
    )
