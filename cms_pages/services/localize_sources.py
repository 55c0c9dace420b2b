"""wagtail-localize translation sources for many objects at once.

`TranslationSource.update_or_create_from_instance` extracts an object's
segments one at a time, with some thirteen queries a segment (a get-or-create
each for its string, its context and the segment itself, then the context's
field path), which made it most of a catalogue import's work. `update_sources`
leaves wagtail-localize the same rows, in a few queries per batch:

- the segments are wagtail-localize's own (`extract_segments`), as are the
  source's content JSON, its object and its schema version;
- strings, contexts, related objects and segments are looked up in bulk and
  the missing ones created with `bulk_create`; a source whose content has not
  changed is left alone, and segments that no longer occur are deleted, as
  wagtail-localize does;
- strings and contexts are keyed by wagtail-localize's uuid5 hashes of their
  text and path (`String.UUID_NAMESPACE`, `CONTEXT_NAMESPACE`), so its own
  later syncs find them. `tests/catalogue/test_localize_sources.py` checks
  every row against `update_or_create_from_instance`: an upgrade that changes
  them fails that test, not editors' data.

Objects with content this module does not model (template segments of rich
text, overridable segments, stream field paths) go through
`update_or_create_from_instance` itself.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegment,
    TemplateSegment,
    TranslatableObject,
    TranslationContext,
    TranslationSource,
    get_schema_version,
)
from wagtail_localize.segments import RelatedObjectSegmentValue, StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

#: The namespace of TranslationContext.path_id (wagtail-localize's uuid5 of the path).
CONTEXT_NAMESPACE = uuid.UUID("fcab004a-2b50-11ea-978f-2e728ce88125")


def string_hash(data: str) -> uuid.UUID:
    """`String.data_hash` of `data`, as wagtail-localize keys its strings."""
    return uuid.uuid5(String.UUID_NAMESPACE, data)


def context_path_id(path: str) -> uuid.UUID:
    """`TranslationContext.path_id` of a content path."""
    return uuid.uuid5(CONTEXT_NAMESPACE, path)


def content_json(instance: models.Model) -> str:
    """The source content, serialised as wagtail-localize serialises it."""
    if isinstance(instance, ClusterableModel):
        return instance.to_json()
    return json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)


def field_path(instance: models.Model, path: str) -> str | None:
    """The context's field path ("steps.text" for "steps.<key>.text").

    None when the path goes through a stream field or something else this
    module does not model (wagtail-localize then handles the whole object).
    """
    parts = path.split(".")
    try:
        first = instance._meta.get_field(parts[0])
    except Exception:
        return None
    if isinstance(first, StreamField):
        return None
    if len(parts) == 1:
        return parts[0]
    is_child = (
        isinstance(first, models.ManyToOneRel)
        and isinstance(first.remote_field, ParentalKey)
        and issubclass(first.related_model, TranslatableMixin)
    )
    if len(parts) != 3 or not is_child:
        return None
    if isinstance(first.related_model._meta.get_field(parts[2]), StreamField):
        return None
    return f"{parts[0]}.{parts[2]}"


@dataclass
class _Source:
    """One object to register and what it needs."""

    instance: models.Model
    object_id: uuid.UUID
    content_json: str
    segments: list[Any]
    source: TranslationSource | None = None
    changed: bool = True
    paths: dict[str, str] = field(default_factory=dict)


def update_sources(instances: Sequence[models.Model]) -> list[TranslationSource]:
    """The up-to-date `TranslationSource` of each instance, in order.

    Same rows as `TranslationSource.update_or_create_from_instance` on each.
    """
    items: list[_Source] = []
    library: dict[int, TranslationSource] = {}
    for position, instance in enumerate(instances):
        item = _prepare(instance)
        if item is None:
            library[position], _ = TranslationSource.update_or_create_from_instance(
                instance
            )
        items.append(item)
    modelled = [item for item in items if item is not None]
    if modelled:
        _objects(modelled)
        _sources(modelled)
        _segments([item for item in modelled if item.changed])
    return [
        library[position] if item is None else item.source
        for position, item in enumerate(items)
    ]


def _prepare(instance: models.Model) -> _Source | None:
    instance = getattr(instance, "specific", instance)
    segments = list(extract_segments(instance))
    item = _Source(instance, instance.translation_key, content_json(instance), segments)
    for segment in segments:
        if not isinstance(segment, StringSegmentValue | RelatedObjectSegmentValue):
            return None
        if isinstance(segment, RelatedObjectSegmentValue) and segment.is_empty():
            return None
        path = field_path(instance, segment.path)
        if path is None:
            return None
        item.paths[segment.path] = path
    return item


def _objects(items: Iterable[_Source]) -> None:
    """Each instance's TranslatableObject, created when missing."""
    wanted = {
        (item.object_id, _content_type(item.instance.get_translation_model()).pk)
        for item in items
    }
    _ensure_objects(wanted)


def _ensure_objects(wanted: set[tuple[uuid.UUID, int]]) -> None:
    keys = {key for key, _ in wanted}
    have = set(
        TranslatableObject.objects.filter(translation_key__in=keys).values_list(
            "translation_key", "content_type_id"
        )
    )
    TranslatableObject.objects.bulk_create(
        [
            TranslatableObject(translation_key=key, content_type_id=ct)
            for key, ct in sorted(wanted - have, key=str)
        ]
    )


def _content_type(model: type[models.Model]) -> ContentType:
    return ContentType.objects.get_for_model(model)


def _sources(items: Sequence[_Source]) -> None:
    """Create or update each item's TranslationSource (unchanged ones are kept)."""
    existing = {
        (source.object_id, source.locale_id): source
        for source in TranslationSource.objects.filter(
            object_id__in=[item.object_id for item in items]
        )
    }
    versions: dict[str, str] = {}
    now = timezone.now()
    new, changed = [], []
    for item in items:
        instance = item.instance
        source = existing.get((item.object_id, instance.locale_id))
        item.source = source
        if source and json.loads(item.content_json) == json.loads(source.content_json):
            item.changed = False
            continue
        label = instance._meta.app_label
        if label not in versions:
            versions[label] = get_schema_version(label)
        if source is None:
            source = item.source = TranslationSource(
                object_id=item.object_id,
                locale_id=instance.locale_id,
                specific_content_type=_content_type(type(instance)),
            )
            new.append(source)
        else:
            changed.append(source)
        source.object_repr = str(instance)[:200]
        source.content_json = item.content_json
        source.schema_version = versions[label]
        source.last_updated_at = now
    TranslationSource.objects.bulk_create(new)
    TranslationSource.objects.bulk_update(
        changed, ["object_repr", "content_json", "schema_version", "last_updated_at"]
    )


def _segments(items: Sequence[_Source]) -> None:
    """Make each source's string and related-object segments its extracted ones."""
    if not items:
        return
    strings = _strings(items)
    contexts = _contexts(items)
    related = _related_objects(items)
    wanted_strings: dict[tuple, None] = {}
    wanted_related: dict[tuple, None] = {}
    for item in items:
        for segment in item.segments:
            context = contexts[(item.object_id, context_path_id(segment.path))]
            if isinstance(segment, StringSegmentValue):
                string = strings[
                    (item.source.locale_id, string_hash(segment.string.data))
                ]
                attrs = json.dumps(segment.attrs, cls=DjangoJSONEncoder)
                key = (item.source.pk, context, segment.order, string, attrs)
                wanted_strings[key] = None
            else:
                target = related[(segment.translation_key, segment.content_type.pk)]
                wanted_related[(item.source.pk, context, segment.order, target)] = None
    sources = [item.source.pk for item in items]
    _replace_segments(
        StringSegment,
        sources,
        ("context_id", "order", "string_id", "attrs"),
        wanted_strings,
    )
    _replace_segments(
        RelatedObjectSegment,
        sources,
        ("context_id", "order", "object_id"),
        wanted_related,
    )
    # The content this module handles has none of these; an earlier version
    # of the object (rich text an editor wrote) may have left some.
    TemplateSegment.objects.filter(source_id__in=sources).delete()
    OverridableSegment.objects.filter(source_id__in=sources).delete()


def _replace_segments(
    model: type[models.Model],
    sources: list[int],
    fields: tuple[str, ...],
    wanted: dict[tuple, None],
) -> None:
    """Keep the segments in `wanted`, delete the others of `sources`, add the rest."""
    stale = []
    for row in model.objects.filter(source_id__in=sources).values_list(
        "pk", "source_id", *fields
    ):
        if wanted.pop(tuple(row[1:]), "gone") == "gone":
            stale.append(row[0])
    model.objects.filter(pk__in=stale).delete()
    model.objects.bulk_create(
        [
            model(source_id=key[0], **dict(zip(fields, key[1:], strict=True)))
            for key in wanted
        ]
    )


def _strings(items: Sequence[_Source]) -> dict[tuple[int, uuid.UUID], int]:
    """String ids by (locale, hash), created when missing."""
    data: dict[tuple[int, uuid.UUID], str] = {}
    for item in items:
        for segment in item.segments:
            if isinstance(segment, StringSegmentValue):
                text = segment.string.data
                data[(item.source.locale_id, string_hash(text))] = text
    found = {
        (locale_id, data_hash): pk
        for pk, locale_id, data_hash in String.objects.filter(
            data_hash__in={key[1] for key in data}
        ).values_list("pk", "locale_id", "data_hash")
    }
    missing = [
        String(locale_id=locale_id, data_hash=data_hash, data=text)
        for (locale_id, data_hash), text in data.items()
        if (locale_id, data_hash) not in found
    ]
    for string in String.objects.bulk_create(missing):
        found[(string.locale_id, string.data_hash)] = string.pk
    return found


def _contexts(items: Sequence[_Source]) -> dict[tuple[uuid.UUID, uuid.UUID], int]:
    """TranslationContext ids by (object, path id), created or completed as needed."""
    wanted: dict[tuple[uuid.UUID, uuid.UUID], tuple[str, str]] = {}
    for item in items:
        for segment in item.segments:
            key = (item.object_id, context_path_id(segment.path))
            wanted[key] = (segment.path, item.paths[segment.path])
    found: dict[tuple[uuid.UUID, uuid.UUID], int] = {}
    incomplete = []
    for context in TranslationContext.objects.filter(
        object_id__in={key[0] for key in wanted},
        path_id__in={key[1] for key in wanted},
    ):
        key = (context.object_id, context.path_id)
        if key not in wanted:
            continue
        found[key] = context.pk
        if not context.field_path:  # made before wagtail-localize 1.0
            context.field_path = wanted[key][1]
            incomplete.append(context)
    TranslationContext.objects.bulk_update(incomplete, ["field_path"])
    created = TranslationContext.objects.bulk_create(
        [
            TranslationContext(
                object_id=key[0], path_id=key[1], path=path, field_path=fpath
            )
            for key, (path, fpath) in wanted.items()
            if key not in found
        ]
    )
    found.update({(c.object_id, c.path_id): c.pk for c in created})
    return found


def _related_objects(items: Sequence[_Source]) -> dict[tuple[uuid.UUID, int], str]:
    """TranslatableObjects of related-object segments, created when missing."""
    wanted = {
        (segment.translation_key, segment.content_type.pk)
        for item in items
        for segment in item.segments
        if isinstance(segment, RelatedObjectSegmentValue)
    }
    if wanted:
        _ensure_objects(wanted)
    return {key: key[0] for key in wanted}
