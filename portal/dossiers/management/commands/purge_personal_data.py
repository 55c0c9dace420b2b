"""Anonymise closed dossiers past PERSONAL_DATA_RETENTION_DAYS (Decree 13/2023).

Run it daily (docs/operations.md, "Scheduled jobs"); see
portal/dossiers/retention.py for what is blanked and what is kept.
"""

from django.core.management.base import BaseCommand

from portal.dossiers.retention import purge_personal_data, retention_days


class Command(BaseCommand):
    help = "Remove the personal data and files of closed dossiers past their retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be removed."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        result = purge_personal_data(dry_run=dry_run)
        verb = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(
            f"{result.dossiers} dossiers {verb} ({result.documents} documents), "
            f"retention {retention_days()} days"
        )
