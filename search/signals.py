"""Signal handlers: what changed, collected per transaction, sent after commit.

Handlers only collect the translation keys of procedures that changed. Once
the transaction commits, one callback hands those keys to the worker
(`update_procedures_task`), which rebuilds the documents of those procedures
for every locale and sends them in one bulk request
(`indexing.update_procedures`); keys the cluster missed are retried with
growing pauses. Connected in `apps.SearchConfig.ready()`.
"""

import threading
import uuid
from collections.abc import Iterable

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_tasks import task
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms_pages.models import Agency, ProcedurePage, Sector
from portal.tasks import retry_later
from search.indexing import apply_pending, update_procedures
from search.models import SearchSynonym

_local = threading.local()


def forget_scheduled() -> None:
    """Drop keys collected in a transaction that will never commit (tests and
    benchmarks that load a catalogue and roll it back; their rebuild covers it)."""
    _local.keys = None


def schedule(keys: Iterable[uuid.UUID]) -> None:
    """Update these procedures once the current transaction commits.

    Keys from every signal of one transaction are collected and sent in one
    bulk request by the first on-commit callback; later callbacks find nothing
    left to do.
    """
    pending = getattr(_local, "keys", None)
    if pending is None:
        pending = _local.keys = set()
    pending.update(keys)
    transaction.on_commit(flush, robust=True)


def flush() -> None:
    """Hand what `schedule` collected to the worker (an on-commit callback)."""
    keys = getattr(_local, "keys", None)
    _local.keys = None
    if keys:
        update_procedures_task.enqueue(sorted(str(key) for key in keys))


@task()
def update_procedures_task(keys: list[str], attempt: int = 0) -> None:
    """Index these procedures; keys the cluster missed wait in PendingReindex
    and are retried with growing pauses (portal.tasks.retry_later)."""
    if not update_procedures(uuid.UUID(key) for key in keys):
        retry_later(apply_pending_task, attempt)


@task()
def apply_pending_task(attempt: int = 0) -> None:
    """Retry the queued updates until the cluster takes them (or give up and
    leave them to `search_index update`)."""
    _count, ok = apply_pending()
    if not ok:
        retry_later(apply_pending_task, attempt)


def _procedure_keys_under(page: Page) -> list[uuid.UUID]:
    specific = page.specific_class
    if specific is not None and issubclass(specific, ProcedurePage):
        return [page.translation_key]
    return list(
        ProcedurePage.objects.descendant_of(page)
        .values_list("translation_key", flat=True)
        .distinct()
    )


@receiver(page_published)
@receiver(page_unpublished)
def on_page_changed(sender, instance: Page, **kwargs) -> None:
    """Publishing or unpublishing any page of a procedure (or its catalogue)."""
    if isinstance(instance, ProcedurePage):
        schedule([instance.translation_key])
    elif type(instance).__name__ == "ProcedureIndexPage":
        schedule(_procedure_keys_under(instance))


@receiver(post_page_move)
def on_page_moved(sender, instance: Page, **kwargs) -> None:
    """A move changes URLs of the page and everything under it."""
    schedule(_procedure_keys_under(instance))


@receiver(post_delete, sender=ProcedurePage)
def on_procedure_deleted(sender, instance: ProcedurePage, **kwargs) -> None:
    schedule([instance.translation_key])


@receiver(post_save, sender=Sector)
@receiver(post_save, sender=Agency)
def on_snippet_saved(sender, instance, created: bool, **kwargs) -> None:
    """A renamed sector or agency changes the text and facets of its procedures."""
    if created:
        return
    field = "sector" if sender is Sector else "agency"
    schedule(
        ProcedurePage.objects.filter(**{field: instance}).values_list(
            "translation_key", flat=True
        )
    )


@receiver(post_save, sender=SearchSynonym)
@receiver(post_delete, sender=SearchSynonym)
def on_synonym_saved(sender, instance, **kwargs) -> None:
    """Synonyms apply at query time: forget the cached list after commit."""
    from search import synonyms

    transaction.on_commit(synonyms.invalidate)
