"""Demo step: make the sample catalogue searchable (database text, and the
cluster's indices when ELASTICSEARCH_URL points at one that answers)."""

from typing import TextIO

from search import indexing
from search.backends import EngineError, EngineUnavailable, cluster_urls, require_engine


def index_catalogue(stdout: TextIO) -> None:
    """Rewrite the fallback search text; rebuild the cluster's indices if any."""
    items = list(indexing.procedure_documents())
    indexing.write_search_text(items)
    stdout.write(
        f"Search text ready for {len({key for key, _, _ in items})} procedures"
    )
    if not cluster_urls():
        return
    try:
        indexing.rebuild(require_engine(), stdout=stdout)
    except (EngineUnavailable, EngineError) as error:
        stdout.write(
            f"Search cluster not updated ({error}); run `manage.py search_index rebuild` later"
        )
