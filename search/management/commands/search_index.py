"""`manage.py search_index rebuild|status|update|reload` (see docs/search.md)."""

from django.core.management.base import BaseCommand, CommandError

from search import cluster_admin, indexing
from search.backends import EngineError, EngineUnavailable, cluster_urls, require_engine
from search.models import PendingReindex, ProcedureSearchText
from search.thesaurus import thesaurus


class Command(BaseCommand):
    help = (
        "rebuild: build every search index anew and swap aliases (zero downtime); "
        "status: each index with its document count; "
        "update: apply queued updates that the cluster missed; "
        "reload: swap in the shipped thesaurus (search/vocabulary/) without downtime."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status", "update", "reload"])

    def handle(self, *args, action: str, **options):
        getattr(self, f"do_{action}")()

    def _engine(self):
        if not cluster_urls():
            return None
        try:
            return require_engine()
        except (EngineUnavailable, EngineError) as error:
            raise CommandError(f"Search cluster not reachable: {error}") from error

    def do_rebuild(self):
        engine = self._engine()
        if engine is None:
            items = list(indexing.procedure_documents())
            indexing.write_search_text(items)
            self.stdout.write(
                f"ELASTICSEARCH_URL is not set: rebuilt the database search text "
                f"({ProcedureSearchText.objects.count()} rows)."
            )
            return
        self.stdout.write(f"{engine.name} {engine.version} at {', '.join(engine.urls)}")
        try:
            indexing.rebuild(engine, stdout=self.stdout)
        except (EngineUnavailable, EngineError) as error:
            raise CommandError(
                f"Rebuild failed, the live indices are unchanged: {error}"
            ) from error
        self.stdout.write(self.style.SUCCESS("Rebuild finished."))

    def do_status(self):
        engine = self._engine()
        if engine is None:
            self.stdout.write("ELASTICSEARCH_URL is not set: search uses the database.")
        else:
            self.stdout.write(
                f"{engine.name} {engine.version} at {', '.join(engine.urls)}"
            )
            current = thesaurus().version
            try:
                for alias, index, count, version in cluster_admin.status(engine):
                    note = "" if version == current else f" (shipped: {current})"
                    self.stdout.write(
                        f"{alias}\t{index}\t{count}\tthesaurus {version}{note}"
                    )
            except (EngineUnavailable, EngineError) as error:
                raise CommandError(str(error)) from error
        self.stdout.write(
            f"database\tportal_search_proceduresearchtext\t{ProcedureSearchText.objects.count()}"
        )
        self.stdout.write(f"pending updates\t{PendingReindex.objects.count()}")

    def do_reload(self):
        engine = self._engine()
        if engine is None:
            self.stdout.write(
                "ELASTICSEARCH_URL is not set: the database reads the thesaurus "
                "at each process start; nothing to reload."
            )
            return
        try:
            cluster_admin.reload_thesaurus(engine, stdout=self.stdout)
        except (EngineUnavailable, EngineError) as error:
            raise CommandError(
                f"Reload failed, searches use the old thesaurus: {error}"
            ) from error
        self.stdout.write(self.style.SUCCESS("Thesaurus reloaded."))

    def do_update(self):
        count, ok = indexing.apply_pending()
        if not ok:
            raise CommandError(
                f"{count} queued procedures could not be sent; they stay queued."
            )
        self.stdout.write(f"Applied {count} queued updates.")
