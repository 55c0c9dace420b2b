"""`manage.py enqueue_periodic_jobs frequent|workday|daily`: queue periodic jobs.

The one command cron calls (docs/operations.md, "Scheduled jobs"); the
worker runs the jobs it queues (portal.periodic).
"""

from django.core.management.base import BaseCommand

from portal.periodic import JOBS, run_command_task


class Command(BaseCommand):
    help = "Queue the frequent, workday or daily jobs for the background worker."

    def add_arguments(self, parser):
        parser.add_argument("frequency", choices=sorted(JOBS))

    def handle(self, *args, frequency: str, **options) -> None:
        for command in JOBS[frequency]:
            result = run_command_task.enqueue(*command)
            self.stdout.write(f"queued {' '.join(command)} ({result.id})")
