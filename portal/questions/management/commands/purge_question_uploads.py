"""Delete files askers uploaded with a question they never sent (kept one
day while they corrected the form; see portal/questions/uploads.py). Run it
daily: `manage.py enqueue_periodic_jobs daily` queues it (portal/periodic.py)."""

from django.core.management.base import BaseCommand

from portal.questions.uploads import purge_unused


class Command(BaseCommand):
    help = "Delete question uploads that no question took within a day."

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {purge_unused()} unused question uploads")
