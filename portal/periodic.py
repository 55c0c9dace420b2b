"""Periodic jobs, run by the background worker.

Cron (or a systemd timer) only says *when*: `manage.py enqueue_periodic_jobs
daily` queues the daily jobs, and the worker runs them, so a job never runs
inside the cron process and several app machines can share one trigger.
The schedule is in docs/operations.md ("Scheduled jobs"). Each job is the
management command its app documents, so it can also be run by hand.
"""

from __future__ import annotations

import io

from django.core.management import call_command
from django_tasks import task

# frequency -> management commands (with arguments) the worker runs.
JOBS: dict[str, list[tuple[str, ...]]] = {
    # Every 5 minutes: search updates that outlived their own retries.
    "frequent": [("search_index", "update"), ("recover_dossier_files",)],
    # Once a working day, before opening hours.
    "workday": [
        ("warn_due_dossiers",),
        ("warn_due_questions",),
        ("send_appointment_reminders",),
    ],
    "daily": [
        ("purge_dossier_drafts",),
        ("purge_question_uploads",),
        ("clearsessions",),
        ("prune_db_task_results", "--min-age-days", "7"),
        ("purge_personal_data",),
    ],
}


@task()
def run_command_task(command: str, *args: str) -> str:
    """Run one management command in the worker; its output is the task's result."""
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=out)
    return out.getvalue()[-2000:]
