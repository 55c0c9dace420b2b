"""Remind visitors of their booked visit the working day before.

The worker runs it with the `workday` jobs (portal/periodic.py); by hand:

    python manage.py send_appointment_reminders [--dry-run]

Also turns bookings of days already over that nobody checked in into
no-shows (see portal.appointments.services.close_past_days).
"""

from django.core.management.base import BaseCommand

from portal.appointments.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail a reminder to visitors booked for the next working day."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the reminders that would be sent.",
        )

    def handle(self, *args, dry_run=False, **options):
        run = send_reminders(dry_run=dry_run)
        if run.skipped_day_off:
            self.stdout.write("Today is not a working day: no reminders.")
            return
        verb = "would send" if dry_run else "sent"
        self.stdout.write(
            f"Visits on {run.visit_day:%Y-%m-%d}: {verb} {run.sent} reminders."
        )
