"""The one way the importer writes a page: Wagtail's own publishing.

A new page goes in with `parent.add_child()` (`add`), its child rows are then
inserted in bulk for many pages at once (`insert_rows`), and every page gets a
revision (`save_revision()`) that is then published (`revision.publish()`),
exactly as when an editor presses "Publish": log entries, `page_published`,
scheduled publishing, aliases and workflows all behave as Wagtail means them
to.

The import runs inside one `cms_pages.bulk_writes.bulk_write()` batch, which
does the reference index, Wagtail's search index and the revision's
foreign-key checks once per batch instead of on every save.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import models
from wagtail.models import COMMENTS_RELATION_NAME, Page, Revision

Rows = dict[str, list[Any]]
#: Rows per INSERT statement.
INSERT_BATCH = 500


def add(page: Page, parent: Page) -> None:
    """Put a new page into the tree under `parent`, as a draft.

    Its rows are not on it yet: `insert_rows` writes them, for many pages in a
    few statements, before `publish`. Raises ValidationError when the title
    or slug is refused.
    """
    # Live only once published, as a page created in the admin.
    page.live = False
    parent.add_child(instance=page)  # title and slug checks, saves the page
    # A new page has no comments: saying so spares Wagtail reading them back
    # when it serialises and publishes the revision.
    setattr(page, COMMENTS_RELATION_NAME, [])


def insert_rows(pages: Iterable[tuple[Page, Rows]]) -> None:
    """Insert the child rows of pages just added, one statement per model and batch.

    What `add_child` would otherwise do with one query per row (and one more
    per relation to look for rows to delete, which a new page cannot have).
    The rows are the portal's own models; none of Wagtail's is written here.
    The rows get their ids, which the revision must hold (editing the page
    later keeps them), and `publish` saves each of them again, with its
    signals, as Wagtail's publishing does for every page.
    """
    by_model: dict[type[models.Model], list[models.Model]] = defaultdict(list)
    for page, rows in pages:
        for relation, objects in rows.items():
            parent_field = page._meta.get_field(relation).field.name
            for obj in objects:
                setattr(obj, parent_field, page)
                by_model[type(obj)].append(obj)
    for model, objects in by_model.items():
        model.objects.bulk_create(objects, batch_size=INSERT_BATCH)


def publish(page: Page, rows: Rows | None = None) -> Revision:
    """Publish `page`, already in the tree, as a new revision.

    `rows` are the page's child rows by relation name; they stay on the page
    in memory, so the revision is serialised without reading them back. A
    new page is first added (`add`) and its rows inserted (`insert_rows`),
    for all new pages of an import before any is published.

    The page is validated in full when the revision is published (Wagtail's
    `full_clean()` of a live page). Raises ValidationError when the page is
    invalid; the caller's transaction then rolls back whatever the import
    wrote before.
    """
    for relation, objects in (rows or {}).items():
        setattr(page, relation, objects)
    # No validation here: publishing validates the same content in full.
    revision = page.save_revision(clean=False)
    revision.publish()
    return revision
