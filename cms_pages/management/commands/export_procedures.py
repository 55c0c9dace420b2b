"""`manage.py export_procedures [--output FILE]`: write the catalogue as JSON."""

import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms_pages.services.catalogue_export import export_records
from cms_pages.services.catalogue_format import dumps


class Command(BaseCommand):
    help = (
        "Write the whole procedure catalogue in the import format "
        "(demo/procedures.schema.json), ordered by code, with translations."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o", help="File to write (default: standard output)."
        )

    def handle(self, *args, **options):
        if options["verbosity"] >= 2:
            return self._handle(**options)
        # Keep the output to what the command itself says (page-publish and
        # task log lines would bury the summary and the errors).
        logging.disable(logging.INFO)
        try:
            return self._handle(**options)
        finally:
            logging.disable(logging.NOTSET)

    def _handle(self, **options):
        records = export_records()
        text = dumps(records)
        output = options.get("output")
        if not output or output == "-":
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error}") from error
        self.stderr.write(f"Wrote {len(records)} procedures to {output}")
