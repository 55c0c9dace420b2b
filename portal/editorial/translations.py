"""Bring translations made by hand into wagtail-localize.

A page or snippet translated by copying it into another locale and editing
the copy is a translation Wagtail knows (same translation key) but
wagtail-localize does not: it offers no "Sync translated pages" and cannot
tell when the translation falls behind its source. `adopt()` registers such a
translation as if an editor had made it in wagtail-localize's editor: the
source's content is frozen in a `TranslationSource`, a `Translation` into the
target locale is enabled, and every string of the source gets the translated
object's current text as its `StringTranslation`, so a later sync rebuilds the
same text instead of falling back to the source language.

Strings are paired field by field in document order (block ids may differ
when a translation's body was written separately); a field whose number of
strings differs between the two is left untranslated in wagtail-localize's
memory and reported, never guessed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Model
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

TOOL_NAME = "adopt_translations"


@dataclass
class Adopted:
    """What `adopt()` did for one translated object."""

    instance: Model
    strings: int = 0
    skipped_fields: list[str] = field(default_factory=list)


def _by_field(paths_and_texts) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for path, text in paths_and_texts:
        grouped[path.split(".", 1)[0]].append(text)
    return grouped


@transaction.atomic
def adopt(source_object: Model, translated: Model) -> Adopted:
    """Register `translated` as the synced wagtail-localize translation of
    `source_object` (same translation key, another locale). Idempotent."""
    if isinstance(source_object, Page):
        source_object, translated = source_object.specific, translated.specific
    result = Adopted(translated)
    source, _created = TranslationSource.update_or_create_from_instance(source_object)
    Translation.objects.update_or_create(
        source=source, target_locale_id=translated.locale_id, defaults={"enabled": True}
    )
    segments = list(
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    )
    source_fields = _by_field((s.context.path, s) for s in segments)
    target_fields = _by_field(
        (value.path, value.string.data)
        for value in extract_segments(translated)
        if isinstance(value, StringSegmentValue)
    )
    for name, source_segments in source_fields.items():
        texts = target_fields.get(name, [])
        if len(texts) != len(source_segments):
            result.skipped_fields.append(name)
            continue
        for segment, text in zip(source_segments, texts, strict=True):
            if text == segment.string.data:
                continue
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale_id=translated.locale_id,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "tool_name": TOOL_NAME,
                    "has_error": False,
                    "field_error": "",
                },
            )
            result.strings += 1
    return result


def translated_by_hand(model: type[Model], locale: Locale) -> list[tuple[Model, Model]]:
    """(source, translation) pairs of `model` in `locale` that wagtail-localize
    does not manage yet; the source is the object in the default locale."""
    default = Locale.get_default()
    managed = set(
        Translation.objects.filter(target_locale=locale).values_list(
            "source__object_id", flat=True
        )
    )
    manager = model._default_manager
    if issubclass(model, Page):
        manager = Page.objects.exclude(depth=1)
    translations = [
        obj
        for obj in manager.filter(locale=locale)
        if obj.translation_key not in managed
    ]
    sources = {
        obj.translation_key: obj
        for obj in manager.filter(
            locale=default,
            translation_key__in=[obj.translation_key for obj in translations],
        )
    }
    return [
        (sources[obj.translation_key], obj)
        for obj in translations
        if obj.translation_key in sources
    ]


def adopt_all(locale: Locale, models: list[type[Model]]) -> list[Adopted]:
    """Adopt every hand-made translation into `locale` of these models (pages:
    pass `Page`). Parents first, so a page's parent is synced before it."""
    done = []
    for model in models:
        if not issubclass(model, TranslatableMixin):
            continue
        pairs = translated_by_hand(model, locale)
        if model is Page:
            pairs.sort(key=lambda pair: pair[1].depth)
        done += [adopt(source, translated) for source, translated in pairs]
    return done


def fully_translated(instance: Model) -> bool:
    """Whether `instance` is a wagtail-localize translation with every string
    of its source translated. A translation made by hand, or one whose strings
    fall back to the source's text (adopt() leaves a copied string
    untranslated), is not."""
    translation = (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .order_by("pk")
        .first()
    )
    if translation is None:
        return False
    total, translated = translation.get_progress()
    return translated == total
