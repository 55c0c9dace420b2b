"""Whether a synced translation is older than the page it translates.

wagtail-localize rebuilds a synced translation from a `TranslationSource`, the
frozen content of the source page at the last sync. When the source page is
published after that, the translation is out of date until an editor syncs it
("Sync translated pages"). Imported procedures are synced by the importer
itself (see `catalogue_localize`), so they start up to date.
"""

from __future__ import annotations

from wagtail.models import Page
from wagtail_localize.models import Translation


def is_out_of_date(page: Page) -> bool:
    """True when `page` is a synced translation whose source changed since its sync."""
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source")
        .first()
    )
    if translation is None:
        return False
    source = translation.source.get_source_instance()
    published = getattr(source, "last_published_at", None)
    return published is not None and published > translation.source.last_updated_at
