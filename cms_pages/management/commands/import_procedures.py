"""`manage.py import_procedures FILE [--dry-run]`: load a procedure catalogue file."""

import json
import logging
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms_pages.services.catalogue_import import CatalogueInvalid, import_catalogue


class Command(BaseCommand):
    help = (
        "Validate a catalogue file (JSON, demo/procedures.schema.json) and create or "
        "update the published procedure pages, matched by code. Nothing is written "
        "when any record is invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="Path of the JSON file ('-' reads standard input)."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate and report what would change, without writing anything.",
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
        path = options["file"]
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(f"{path} is not valid JSON: {error}") from error
        try:
            report = import_catalogue(data, dry_run=options["dry_run"])
        except CatalogueInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(f"error: {problem}")
            raise CommandError(
                f"{len(invalid.problems)} error(s) in {path}; nothing was imported."
            ) from invalid
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        suffix = " (dry run: nothing was written)" if report.dry_run else ""
        self.stdout.write(report.summary() + suffix)
