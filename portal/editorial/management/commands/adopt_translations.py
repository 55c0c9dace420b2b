"""Register hand-made translations (pages and snippets) with wagtail-localize
so editors can sync them; see portal/editorial/translations.py."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models

from portal.editorial.translations import adopt_all, translated_by_hand


class Command(BaseCommand):
    help = (
        "Make every page and snippet translated by hand into LOCALE a synced "
        "wagtail-localize translation. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--locale", default="en", help="target language code")
        parser.add_argument(
            "--dry-run", action="store_true", help="only list what would be adopted"
        )

    def handle(self, *args, locale, dry_run, **options):
        try:
            target = Locale.objects.get(language_code=locale)
        except Locale.DoesNotExist as exc:
            raise CommandError(f"no locale {locale!r}") from exc
        models = [Page] + [
            model
            for model in get_snippet_models()
            if issubclass(model, TranslatableMixin)
        ]
        if dry_run:
            for model in models:
                for _source, translated in translated_by_hand(model, target):
                    self.stdout.write(f"would adopt {model.__name__}: {translated}")
            return
        with transaction.atomic():
            adopted = adopt_all(target, models)
        for item in adopted:
            if item.skipped_fields:
                self.stdout.write(
                    f"{item.instance}: fields not paired, left to translate: "
                    + ", ".join(item.skipped_fields)
                )
        self.stdout.write(f"adopted {len(adopted)} translations into {locale}")
