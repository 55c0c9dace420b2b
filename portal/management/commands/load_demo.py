"""Load the demo content a newcomer clicks through after `make run`.

Each step is an idempotent function `step(stdout) -> None` in the top-level
`demo` package (never imported by the portal's own code); running the command
twice changes nothing the second time.
"""

import logging
from contextlib import contextmanager

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
    "demo.appointments.load_appointments",
    "demo.questions.load_questions",
    # Last: adopts every English page and snippet the steps above made.
    "demo.editorial.load_editorial",
]


# Loggers that speak at INFO for every page (Wagtail) or every request to the
# search engine (the Elasticsearch/OpenSearch clients' transport).
CHATTY_LOGGERS = ("wagtail", "elastic_transport", "elasticsearch", "opensearch")


@contextmanager
def quiet_page_log(verbosity: int):
    """Wagtail logs every page it creates or publishes and the search client
    every request at INFO (hundreds of lines for the demo); `make run` should
    print a few summary lines instead. `-v 2` shows them again."""
    loggers = [logging.getLogger(name) for name in CHATTY_LOGGERS]
    previous = [logger.level for logger in loggers]
    if verbosity < 2:
        for logger in loggers:
            logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, previous, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = "Load the demo site (pages, catalogue, sample data) once; safe to re-run."

    def handle(self, *args, **options):
        with quiet_page_log(options["verbosity"]):
            for dotted in DEMO_STEPS:
                step = import_string(dotted)
                with transaction.atomic():
                    step(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
