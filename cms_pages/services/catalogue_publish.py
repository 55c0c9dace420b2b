"""The one way the importer writes a page: Wagtail's own publishing.

A new page goes in with `parent.add_child()`, every page gets a revision
(`save_revision()`) that is then published (`revision.publish()`), exactly as
when an editor presses "Publish": log entries, `page_published`, scheduled
publishing, aliases and workflows all behave as Wagtail means them to.

The reference index is the one thing deferred: Wagtail's
`disable_reference_index_auto_update()` switches off the per-save update while
the import runs, and `references_updated_at_end()` then records each touched
object's references once with `ReferenceIndex.create_or_update_for_object`.
The search index follows Wagtail's own signals (and this project's
`page_published` receivers), untouched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update


def publish(page: Page, parent: Page | None = None) -> Revision:
    """Save `page` (added under `parent` when new) and publish it as a new revision.

    Raises ValidationError when the page is invalid; the caller's transaction
    then rolls back whatever the import wrote before.
    """
    if page.pk is None:
        if parent is None:
            raise ValueError("a new page needs a parent")
        # Live only once published, as a page created in the admin.
        page.live = False
        parent.add_child(instance=page)  # validates (full_clean) and saves
        revision = page.save_revision(clean=False)
    else:
        revision = page.save_revision()  # validates (full_clean)
    revision.publish()
    return revision


@contextmanager
def references_updated_at_end() -> Iterator[list[Any]]:
    """Record references once per object, after the block, instead of on every save.

    The caller appends every object it wrote to the yielded list.
    """
    touched: list[Any] = []
    with disable_reference_index_auto_update():
        yield touched
    seen: set[tuple[type, Any]] = set()
    for obj in touched:
        key = (type(obj), obj.pk)
        if key in seen or not ReferenceIndex.is_indexed(type(obj)):
            continue
        seen.add(key)
        ReferenceIndex.create_or_update_for_object(obj)
