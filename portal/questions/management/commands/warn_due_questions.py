"""E-mail agency officials about questions that fall due soon or are overdue.

Run once a working day, before opening hours: `manage.py
enqueue_periodic_jobs workday` queues it for the worker (portal/periodic.py).

    python manage.py warn_due_questions [--days N] [--dry-run]

The options and the warning period are the dossiers' (`warn_due_dossiers`,
*Settings → Back office*); see portal/questions/reminders.py for who is
e-mailed and when.
"""

from django.utils import timezone

from portal.backoffice import deadlines
from portal.backoffice.management.commands import warn_due_dossiers
from portal.questions.reminders import pending_reminders, send_reminder


class Command(warn_due_dossiers.Command):
    help = "Email officials about questions due within N working days or overdue."

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
