"""Wagtail's per-save housekeeping, done once at the end of a bulk write.

Publishing a page through Wagtail's API (`add_child`, `save_revision`,
`revision.publish`) saves it three times and rebuilds it once from its
revision. Three parts of that work only need doing once per batch when
thousands of pages are written in one transaction (the catalogue import):

- the reference index: Wagtail's own `disable_reference_index_auto_update()`
  switches the per-save update off; the batch then records the references of
  each object it was told about once (`ReferenceIndex.create_or_update_for_object`);
- Wagtail's search index: its `post_save` handler re-indexes the page on
  every save (or, with the database task backend, queues one task per
  save). A model with `BulkWriteMixin` sets Wagtail's `search_auto_update =
  False` and gets the handlers below instead: outside a batch they queue
  Wagtail's own indexing task exactly as Wagtail's handlers do; inside one
  they only note the object, and the batch indexes each object once at the
  end with the backends' `add_bulk`;
- foreign-key lookups: rebuilding a page from its revision
  (`from_serializable_data(check_fks=True)`) looks up every foreign key of
  the page and of each child row (two queries a row), and validating it
  (`full_clean()`) looks up each foreign key of the page once more. While a
  batch is open, the content was serialised moments earlier, in the same
  transaction, from objects whose foreign keys the batch had just read or
  written, so `BulkWriteMixin` rebuilds it with `check_fks=False` and leaves
  the foreign-key fields out of `full_clean()`; so too the page's tree
  `path`, whose uniqueness check is one more query per publish: treebeard's
  `add_child` gave it in this transaction (or it was read from the
  database), and publishing never moves a page. Every other check (field
  values, the slug among its siblings, the model's own `clean()`) still
  runs; the database's own constraints still hold the keys and the path;
- checks the writer made for many objects at once: a model's `clean()` may
  skip a per-object query that the writer answered for the whole batch in
  one (`vouch()`, `vouched()`), e.g. the procedure code's uniqueness.

Everything else (revisions, log entries, `page_published`, its receivers,
workflows, aliases) runs exactly as for an editor's publish.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.signals import post_delete, post_save
from wagtail.models import ReferenceIndex
from wagtail.search import index
from wagtail.search.backends import get_search_backends

logger = logging.getLogger(__name__)
#: Objects per `add_bulk` call.
INDEX_CHUNK = 500
#: Left out of `full_clean()` in a batch: treebeard sets it, publishing keeps it.
TREE_FIELDS = ("path",)


@dataclass
class BulkWrite:
    """What an open batch collects: objects to reference-index, pks to search-index."""

    touched: list[models.Model] = field(default_factory=list)
    to_index: dict[type[models.Model], set[Any]] = field(
        default_factory=lambda: defaultdict(set)
    )
    # Work other modules asked to do once at the end instead of on every
    # save (e.g. emptying the page-fragment cache), in the order asked.
    deferred: dict[Callable[[], None], None] = field(default_factory=dict)
    # Checks answered for the whole batch (see `vouch`).
    vouched: set[Hashable] = field(default_factory=set)

    def update_references(self) -> None:
        """Record each touched object's references once."""
        seen: set[tuple[type, Any]] = set()
        for obj in self.touched:
            key = (type(obj), obj.pk)
            if key in seen or not ReferenceIndex.is_indexed(type(obj)):
                continue
            seen.add(key)
            ReferenceIndex.create_or_update_for_object(obj)

    def update_search_index(self) -> None:
        """Index every deferred object once, in bulk, in each auto-updated backend.

        An object deleted during the batch is removed from the index instead.
        Errors are handled as Wagtail's own handler does: raised for a database
        backend (the transaction is broken anyway), logged for an external one.
        """
        backends = list(get_search_backends(with_auto_update=True))
        for model, pks in self.to_index.items():
            ordered = sorted(pks)
            for start in range(0, len(ordered), INDEX_CHUNK):
                chunk = ordered[start : start + INDEX_CHUNK]
                objects = list(model.get_indexed_objects().filter(pk__in=chunk))
                gone = set(chunk) - {obj.pk for obj in objects}
                for backend in backends:
                    _guarded(backend, backend.add_bulk, model, objects)
                    for pk in gone:
                        _guarded(backend, backend.delete, model(pk=pk))


def _guarded(backend: Any, method: Any, *args: Any) -> None:
    try:
        method(*args)
    except Exception:
        if not backend.catch_indexing_errors:
            raise
        logger.exception("Updating the search backend %r failed", backend)


_current: ContextVar[BulkWrite | None] = ContextVar("bulk_write", default=None)


def defer(work: Callable[[], None]) -> bool:
    """Inside a batch, note `work` to run once when the batch ends and return
    True; outside one return False (the caller does the work now)."""
    batch = _current.get()
    if batch is None:
        return False
    batch.deferred[work] = None
    return True


def vouch(check: Hashable) -> None:
    """Record, for the open batch, that `check` was verified for many objects
    at once; `vouched(check)` is then true until the batch ends."""
    batch = _current.get()
    if batch is None:
        raise RuntimeError("vouch() needs an open bulk_write() batch")
    batch.vouched.add(check)


def vouched(check: Hashable) -> bool:
    """True inside a batch whose writer vouched for `check` (see `vouch`)."""
    batch = _current.get()
    return batch is not None and check in batch.vouched


@contextmanager
def bulk_write() -> Iterator[BulkWrite]:
    """Open a batch; on success, update references and the search index once.

    Use inside the transaction that does the writing, so the deferred work
    commits (or rolls back) with it. The caller appends to `touched` every
    object whose references may have changed.
    """
    if _current.get() is not None:
        raise RuntimeError("bulk_write() batches do not nest")
    # Imported here: page models import this module while apps are loading,
    # and Wagtail's signal handlers module needs the app registry ready.
    from wagtail.signal_handlers import disable_reference_index_auto_update

    batch = BulkWrite()
    token = _current.set(batch)
    try:
        with disable_reference_index_auto_update():
            yield batch
    finally:
        _current.reset(token)
    batch.update_references()
    batch.update_search_index()
    for work in batch.deferred:
        work()


class BulkWriteMixin:
    """For models written in bulk: search indexing and FK checks wait for the batch.

    Connect the search handlers with `connect_search_handlers()` (app ready).
    """

    # Wagtail's own post_save/post_delete index handlers are replaced by
    # `_saved`/`_deleted` below, which know about batches.
    search_auto_update = False

    def full_clean(self, exclude=None, validate_unique=True, validate_constraints=True):
        if _current.get() is not None:
            exclude = {*(exclude or ()), *_foreign_keys(type(self)), *TREE_FIELDS}
        super().full_clean(
            exclude=exclude,
            validate_unique=validate_unique,
            validate_constraints=validate_constraints,
        )

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        if _current.get() is not None:
            check_fks = False
        return super().from_serializable_data(
            data, check_fks=check_fks, strict_fks=strict_fks
        )


def _foreign_keys(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.many_to_one]


def _saved(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # fixture loading, as Wagtail's own handler
        return
    batch = _current.get()
    if batch is not None:
        batch.to_index[sender].add(instance.pk)
        return
    # Imported here: the task module needs the task backends configured.
    from wagtail.search.tasks import insert_or_update_object_task

    insert_or_update_object_task.enqueue(
        instance._meta.app_label, instance._meta.model_name, str(instance.pk)
    )


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    batch = _current.get()
    if batch is not None:
        batch.to_index[sender].add(instance.pk)  # found gone at the end
        return
    index.remove_object(instance)


def connect_search_handlers() -> None:
    """Index every `BulkWriteMixin` model on save and delete (see the module doc)."""
    for model in apps.get_models():
        if issubclass(model, BulkWriteMixin) and index.class_is_indexed(model):
            uid = f"bulk-writes-{model._meta.label_lower}"
            post_save.connect(_saved, sender=model, dispatch_uid=uid)
            post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
