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

from typing import Any

from wagtail.models import COMMENTS_RELATION_NAME, Page, Revision


def publish(
    page: Page, rows: dict[str, list[Any]] | None = None, parent: Page | None = None
) -> Revision:
    """Save `page` (added under `parent` when new) and publish it as a new revision.

    `rows` are the page's child rows by relation name. A new page goes into
    the tree with them (so they have their ids in the revision and editing
    the page later keeps them); the saved rows then stay on the page in
    memory, so the revision is serialised without reading them back.

    The page is validated in full when the revision is published (Wagtail's
    `full_clean()` of a live page). Raises ValidationError when the page is
    invalid; the caller's transaction then rolls back whatever the import
    wrote before.
    """
    rows = rows or {}
    for relation, objects in rows.items():
        setattr(page, relation, objects)
    if page.pk is None:
        if parent is None:
            raise ValueError("a new page needs a parent")
        # Live only once published, as a page created in the admin.
        page.live = False
        parent.add_child(instance=page)  # title and slug checks, saves page and rows
        # Saving switched the relations back to the database; the same
        # objects, now with their ids, are what the revision must hold.
        for relation, objects in rows.items():
            setattr(page, relation, objects)
        # A new page has no comments: saying so spares Wagtail reading them
        # back when it serialises and publishes the revision.
        setattr(page, COMMENTS_RELATION_NAME, [])
    # No validation here: publishing validates the same content in full.
    revision = page.save_revision(clean=False)
    revision.publish()
    return revision
