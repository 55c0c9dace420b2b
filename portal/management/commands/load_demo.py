"""Load the demo content a newcomer clicks through after `make run`.

Each step is an idempotent function `step(stdout) -> None` in its own app's
`demo.py`; running the command twice changes nothing the second time.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

DEMO_STEPS = [
    "cms_pages.demo.load_site",
    "cms_pages.demo.load_catalogue",
    "search.demo.index_catalogue",
    "cms_pages.site_demo.load_investment",
    "cms_pages.site_demo.load_content",
    "portal.dossiers.demo.load_calendar",
    "portal.backoffice.demo.load_dossiers",
]


class Command(BaseCommand):
    help = "Load the demo site (pages, catalogue, sample data) once; safe to re-run."

    def handle(self, *args, **options):
        for dotted in DEMO_STEPS:
            step = import_string(dotted)
            with transaction.atomic():
                step(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
