"""portal.tasks: a queued task exists exactly when its transaction commits."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from portal.periodic import JOBS, run_command_task
from portal.settings.environment import task_settings
from portal.tasks import enqueue_on_commit, persists_in_transaction

RAN: list[str] = []


@task()
def record_task(value: str) -> None:
    RAN.append(value)


@pytest.fixture(autouse=True)
def _reset() -> None:
    RAN.clear()


@pytest.mark.django_db(transaction=True)
def test_immediate_backend_runs_after_commit_only() -> None:
    assert not persists_in_transaction(record_task)
    with transaction.atomic():
        enqueue_on_commit(record_task, "kept")
        assert RAN == []  # not before the commit
    assert RAN == ["kept"]
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(record_task, "rolled back")
        raise RuntimeError
    assert RAN == ["kept"]


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=task_settings("database"))
def test_database_backend_writes_the_task_in_the_same_transaction() -> None:
    assert persists_in_transaction(record_task)
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(record_task, "rolled back")
        assert DBTaskResult.objects.count() == 1  # inside the transaction
        raise RuntimeError
    assert DBTaskResult.objects.count() == 0
    with transaction.atomic():
        enqueue_on_commit(record_task, "kept")
    row = DBTaskResult.objects.get()
    assert row.args_kwargs == {"args": ["kept"], "kwargs": {}}
    assert row.status == "READY" and RAN == []  # the worker runs it


@pytest.mark.django_db
def test_periodic_jobs_are_real_commands() -> None:
    from django.core.management import get_commands

    commands = get_commands()
    for jobs in JOBS.values():
        for command, *_args in jobs:
            assert command in commands, command
    result = run_command_task.enqueue("purge_dossier_drafts", "--dry-run")
    assert result.status == "SUCCESSFUL", result.errors
