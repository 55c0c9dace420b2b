"""Which translations are older than their source.

A wagtail-localize translation is built from a `TranslationSource`: the
content of the source (Vietnamese) object frozen at the last sync. The
translation is out of date when the source changed after that:

- a page, when it was published after the last sync (`last_published_at`);
- a snippet (no publishing dates), when its current content differs from the
  frozen content, compared the way wagtail-localize itself compares them
  before it updates a source.

Pages translated by hand (a page in another locale with the same
translation key but no wagtail-localize translation) are out of date when the
source page was published after them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource


@dataclass(frozen=True)
class StaleTranslation:
    """A translated page or snippet that is older than its source."""

    instance: Model
    source: Model
    source_changed_at: datetime | None
    synced_at: datetime | None
    translation_source_id: int | None  # None: translated by hand, not synced

    @property
    def kind(self) -> str:
        return str(type(self.instance)._meta.verbose_name)

    @property
    def title(self) -> str:
        if isinstance(self.instance, Page):
            return self.instance.get_admin_display_title()
        return str(self.instance)


def _serialised(instance: Model) -> dict:
    """The instance's content as wagtail-localize stores it in a source."""
    if isinstance(instance, ClusterableModel):
        return json.loads(instance.to_json())
    data = get_serializable_data_for_fields(instance)
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _synced(sources: dict[int, TranslationSource]) -> list[StaleTranslation]:
    stale = []
    translations = Translation.objects.filter(
        enabled=True, source_id__in=sources
    ).values_list("source_id", "target_locale_id")
    targets: dict[int, list[int]] = {}
    for source_id, locale_id in translations:
        targets.setdefault(source_id, []).append(locale_id)
    by_model: dict[type, list[TranslationSource]] = {}
    for source in sources.values():
        model = ContentType.objects.get_for_id(source.specific_content_type_id)
        by_model.setdefault(model.model_class(), []).append(source)
    for model, model_sources in by_model.items():
        if model is None:
            continue
        keys = [source.object_id for source in model_sources]
        objects = {
            (obj.translation_key, obj.locale_id): obj
            for obj in model._default_manager.filter(translation_key__in=keys)
        }
        for source in model_sources:
            original = objects.get((source.object_id, source.locale_id))
            if original is None:
                continue
            changed_at = getattr(original, "last_published_at", None)
            if isinstance(original, Page):
                is_stale = (
                    changed_at is not None and changed_at > source.last_updated_at
                )
            else:
                is_stale = _serialised(original) != json.loads(source.content_json)
            if not is_stale:
                continue
            for locale_id in targets.get(source.pk, []):
                target = objects.get((source.object_id, locale_id))
                if target is not None:
                    stale.append(
                        StaleTranslation(
                            target,
                            original,
                            changed_at,
                            source.last_updated_at,
                            source.pk,
                        )
                    )
    return stale


def _by_hand(
    synced_keys: set, source_locale_id: int, translation_key=None
) -> list[StaleTranslation]:
    """Pages in other locales, not synced by wagtail-localize, published before
    their source page was last published."""
    stale = []
    pages = Page.objects.live().exclude(depth=1)
    if translation_key is not None:
        pages = pages.filter(translation_key=translation_key)
    rows = list(pages.values("pk", "translation_key", "locale_id", "last_published_at"))
    sources = {
        r["translation_key"]: r for r in rows if r["locale_id"] == source_locale_id
    }
    late = []
    for row in rows:
        source = sources.get(row["translation_key"])
        if (
            row["locale_id"] == source_locale_id
            or source is None
            or (row["translation_key"], row["locale_id"]) in synced_keys
        ):
            continue
        if (
            source["last_published_at"]
            and row["last_published_at"]
            and source["last_published_at"] > row["last_published_at"]
        ):
            late.append((row["pk"], source["pk"], source["last_published_at"]))
    specific = (
        Page.objects.filter(pk__in=[pk for pk, *_ in late] + [pk for _, pk, _ in late])
        .specific()
        .in_bulk()
    )
    for target_pk, source_pk, changed_at in late:
        stale.append(
            StaleTranslation(
                specific[target_pk],
                specific[source_pk],
                changed_at,
                specific[target_pk].last_published_at,
                None,
            )
        )
    return stale


def _sources(**filters) -> dict[int, TranslationSource]:
    return {
        source.pk: source
        for source in TranslationSource.objects.filter(
            translations__enabled=True, **filters
        ).distinct()
    }


def _synced_keys(**filters) -> set:
    return set(
        Translation.objects.filter(enabled=True, **filters).values_list(
            "source__object_id", "target_locale_id"
        )
    )


def stale_translations() -> list[StaleTranslation]:
    """Every translated page and snippet older than its source, oldest first."""
    stale = _synced(_sources())
    stale += _by_hand(_synced_keys(), Locale.get_default().pk)
    return sorted(stale, key=lambda item: (item.synced_at is None, item.synced_at))


def staleness_of(instance: Model) -> StaleTranslation | None:
    """The entry of `stale_translations()` for this object, if it is out of date."""
    key = instance.translation_key
    found = _synced(_sources(object_id=key))
    if isinstance(instance, Page):
        synced = _synced_keys(source__object_id=key)
        found += _by_hand(synced, Locale.get_default().pk, key)
    return next((item for item in found if item.instance.pk == instance.pk), None)
