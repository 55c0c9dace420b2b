"""Load the demo content a newcomer clicks through after `make run`.

Each step is an idempotent function `step(stdout) -> None` in the top-level
`demo` package (never imported by the portal's own code); running the command
twice changes nothing the second time.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

DEMO_STEPS = [
    "demo.site.load_site",
    "demo.site.load_catalogue",
    "demo.eforms.load_eforms",
    "demo.search_index.index_catalogue",
    "demo.investment.load_investment",
    "demo.content.load_content",
    "demo.calendar.load_calendar",
    "demo.dossiers.load_dossiers",
    "demo.questions.load_questions",
    "demo.appointments.load_appointments",
]


class Command(BaseCommand):
    help = "Load the demo site (pages, catalogue, sample data) once; safe to re-run."

    def handle(self, *args, **options):
        for dotted in DEMO_STEPS:
            step = import_string(dotted)
            with transaction.atomic():
                step(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
