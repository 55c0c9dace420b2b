"""E-mail agency officials about questions that fall due soon or are overdue.

Run once a working day, before opening hours: `manage.py
enqueue_periodic_jobs workday` queues it for the worker (portal/periodic.py).

    python manage.py warn_due_questions [--days N] [--dry-run]

The warning period is the back office's (*Settings → Back office*), as for
dossiers; see portal/questions/reminders.py for who is e-mailed and when.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.backoffice import deadlines
from portal.questions.reminders import pending_reminders, send_reminder


class Command(BaseCommand):
    help = "Email officials about questions due within N working days or overdue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Working days ahead (default: the back-office setting).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be sent."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = deadlines.warning_days() if days is None else max(0, days)
        sent = 0
        for reminder in pending_reminders(days, timezone.localdate()):
            self.stdout.write(
                f"{reminder.agency}: {len(reminder.overdue)} overdue, "
                f"{len(reminder.upcoming)} due soon "
                f"→ {len(reminder.recipients)} recipient(s)"
            )
            if dry_run or not reminder.recipients:
                continue
            send_reminder(reminder, days)
            sent += 1
        self.stdout.write(self.style.SUCCESS(f"{sent} reminder email(s) sent."))
