"""The one way the importer writes a page: Wagtail's own publishing.

A new page goes in with `parent.add_child()`, every page gets a revision
(`save_revision()`) that is then published (`revision.publish()`), exactly as
when an editor presses "Publish": log entries, `page_published`, scheduled
publishing, aliases and workflows all behave as Wagtail means them to.

The import runs inside one `cms_pages.bulk_writes.bulk_write()` batch, which
does the reference index, Wagtail's search index and the revision's
foreign-key checks once per batch instead of on every save.
"""

from __future__ import annotations

from modelcluster.models import get_all_child_relations
from wagtail.models import Page, Revision


def publish(page: Page, parent: Page | None = None) -> Revision:
    """Save `page` (added under `parent` when new) and publish it as a new revision.

    The page is validated once, in full, when the revision is published
    (Wagtail's `full_clean()` of a live page). Raises ValidationError when the
    page is invalid; the caller's transaction then rolls back whatever the
    import wrote before.
    """
    if page.pk is None:
        if parent is None:
            raise ValueError("a new page needs a parent")
        rows = {
            name: list(getattr(page, name).all())
            for name in (r.get_accessor_name() for r in get_all_child_relations(page))
        }
        # Live only once published, as a page created in the admin.
        page.live = False
        parent.add_child(instance=page)  # title and slug checks, saves page and rows
        # The saved rows (now with their ids) stay in memory, so the revision
        # is serialised without reading them back.
        for name, objects in rows.items():
            setattr(page, name, objects)
    # No validation here: publishing validates the same content in full.
    revision = page.save_revision(clean=False)
    revision.publish()
    return revision
