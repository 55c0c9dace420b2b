"""Background tasks: how the application hands work to the worker.

Tasks are django-tasks `@task()` functions (the API Django 6 adopts as
`django.tasks`). Queue one with :func:`enqueue_on_commit`, never with a bare
`.enqueue()` inside a transaction:

- with the database backend (production, `make stack`) the task row is
  written in the caller's transaction: it exists exactly when the change
  that asked for it was committed, so an e-mail is never lost after a commit
  and never sent for a rolled-back change; the worker (`deploy/worker.sh`)
  picks it up within TASKS_WORKER_INTERVAL;
- with any other backend (the immediate one in development and tests) the
  task is enqueued by `transaction.on_commit`, so it also runs only after,
  and only if, the change is committed.

Task functions must be importable at module level, take JSON-serialisable
arguments (ids, not model instances) and be idempotent: a worker that dies
mid-task leaves the row to be retried by hand or by the task's own retry.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task

logger = logging.getLogger(__name__)


def persists_in_transaction(task: Task) -> bool:
    """True when enqueuing `task` writes a row in the default database."""
    from django_tasks_db import DatabaseBackend

    return isinstance(task.get_backend(), DatabaseBackend)


def enqueue_on_commit(task: Task, *args: Any, **kwargs: Any) -> None:
    """Queue `task(*args, **kwargs)` so that it runs only if the current
    transaction commits (at once when there is no transaction)."""
    if persists_in_transaction(task):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs))


def retry_later(task: Task, attempt: int, *args: Any, **kwargs: Any) -> bool:
    """Queue `task` again after a growing pause (30 s, 1, 2, 4 … min, at most
    8 attempts); the task takes `attempt` as a keyword argument. Returns
    False when the attempts are used up, or when the backend cannot wait
    (the immediate one: retrying at once would only fail again); the caller
    logs and gives up, leaving the rest to the periodic jobs."""
    if attempt >= MAX_ATTEMPTS or not task.get_backend().supports_defer:
        return False
    delay = timedelta(seconds=30 * 2**attempt)
    task = task.using(run_after=timezone.now() + delay)
    enqueue_on_commit(task, *args, attempt=attempt + 1, **kwargs)
    return True


MAX_ATTEMPTS = 8
