"""Remove personal data past PERSONAL_DATA_RETENTION_DAYS (Decree 13/2023):
closed dossiers, settled questions and past visit bookings.

Run it daily (docs/operations.md, "Scheduled jobs"); what each kind of
record loses and keeps is in portal/dossiers/retention.py,
portal/questions/retention.py and portal/appointments/retention.py.
"""

from django.core.management.base import BaseCommand

from portal.appointments import retention as bookings
from portal.dossiers import retention as dossiers
from portal.questions import retention as questions
from portal.retention import retention_days


class Command(BaseCommand):
    help = "Remove the personal data and files of records past their retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be removed."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        verb = "would be anonymised" if dry_run else "anonymised"
        result = dossiers.purge_personal_data(dry_run=dry_run)
        asked, files = questions.purge_personal_data(dry_run=dry_run)
        booked = bookings.purge_personal_data(dry_run=dry_run)
        self.stdout.write(
            f"{result.dossiers} dossiers {verb} ({result.documents} documents), "
            f"{asked} questions ({files} files), {booked} bookings; "
            f"retention {retention_days()} days"
        )
