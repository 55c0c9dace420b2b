"""Write docs/api.md from the OpenAPI document (portal/api/openapi.yaml)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.api.markdown import render_markdown


class Command(BaseCommand):
    help = "Rewrite docs/api.md from portal/api/openapi.yaml (--check: fail if it differs)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Change nothing; exit 1 when docs/api.md is out of date.",
        )

    def handle(self, *args, check: bool = False, **options):
        target = settings.BASE_DIR / "docs" / "api.md"
        text = render_markdown()
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if check:
            if current != text:
                self.stderr.write("docs/api.md is out of date: run manage.py api_docs")
                raise SystemExit(1)
            self.stdout.write("docs/api.md is up to date")
            return
        target.write_text(text, encoding="utf-8")
        self.stdout.write(f"wrote {target}")
