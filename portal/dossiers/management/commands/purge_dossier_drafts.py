"""Delete abandoned dossier drafts and their uploaded files (formtools #159).

Run it daily (cron or a systemd timer, see docs/dossiers.md). A draft is kept
30 days after its last save; submitted drafts go the same way (their dossier
keeps its own copy of every file).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.dossiers.models import DossierDraft
from portal.dossiers.services import purge_expired_drafts


class Command(BaseCommand):
    help = "Delete dossier drafts past their 30-day retention, with their files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        if dry_run:
            count = DossierDraft.objects.filter(expires_at__lte=now).count()
            self.stdout.write(f"{count} expired drafts would be deleted")
            return
        count = purge_expired_drafts(now)
        self.stdout.write(f"Deleted {count} expired drafts")
