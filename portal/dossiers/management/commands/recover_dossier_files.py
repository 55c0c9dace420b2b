"""Finish what crashed submissions left behind (portal/dossiers/files.py).

Run it every 5 minutes (cron or a systemd timer; docs/operations.md,
"Scheduled jobs"): every document of a committed dossier gets its file (and
every e-form its declaration PDF), draft
copies of submitted drafts go, and final copies that no dossier names (a
crash before the commit) go once they are older than --grace minutes.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from portal.dossiers.files import ORPHAN_GRACE, recover_files


class Command(BaseCommand):
    help = (
        "Give every dossier document its file and remove what crashed submissions left."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace",
            type=int,
            default=int(ORPHAN_GRACE.total_seconds() // 60),
            help="Minutes an unreferenced final copy is left alone (default 10).",
        )

    def handle(self, *args, grace: int, **options):
        result = recover_files(grace=timedelta(minutes=grace))
        self.stdout.write(
            "restored {restored}, declarations made {declarations_made}, "
            "draft copies removed {draft_copies_removed}, "
            "orphans removed {orphans_removed}".format(**result)
        )
