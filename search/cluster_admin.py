"""Looking after the cluster's indices: status, and a new thesaurus without downtime."""

import time

from search import documents
from search.backends import Engine, EngineError, EngineUnavailable
from search.indexing import apply_pending, point_alias
from search.thesaurus import thesaurus


def status(engine: Engine) -> list[tuple[str, str, int, str]]:
    """(alias, concrete index, document count, thesaurus version) per locale."""
    rows = []
    for language in documents.LANGUAGES:
        alias = documents.alias_name(language)
        indices = engine.indices_for_alias(alias)
        if not indices:
            rows.append((alias, "-", 0, "-"))
        for name in indices:
            mapping = engine.call("indices.get_mapping", index=name)[name]
            meta = mapping.get("mappings", {}).get("_meta", {})
            rows.append((alias, name, engine.count(name), meta.get("thesaurus", "-")))
    return rows


def reload_thesaurus(engine: Engine, stdout=None) -> dict[str, str]:
    """Swap in the current thesaurus without downtime; returns {alias: index}.

    The search-time analyser's synonym list can only change on a closed
    index, and OpenSearch core has no reload endpoint. So each locale's index
    is cloned (hard links: seconds, whatever the size) with the new analysis
    settings, and the alias moves to the clone. Searches never stop; writes
    are blocked during the clone and any that fail are queued in
    `PendingReindex`, applied at the end.
    """
    swapped: dict[str, str] = {}
    for language in documents.LANGUAGES:
        alias = documents.alias_name(language)
        (old,) = engine.indices_for_alias(alias) or [None]
        if old is None:
            raise EngineError(f"{alias} does not exist: run `search_index rebuild`")
        new = documents.new_index_name(language)
        engine.put_settings(old, {"index.blocks.write": True})
        try:
            settings = documents.thesaurus_settings(language)
            settings["index.blocks.write"] = None
            engine.call(
                "indices.clone",
                long=True,
                index=old,
                target=new,
                body={"settings": settings},
            )
            _wait_ready(engine, new)
            engine.call(
                "indices.put_mapping",
                long=True,
                index=new,
                body={"_meta": documents.index_body(language)["mappings"]["_meta"]},
            )
            point_alias(engine, language, new)
        finally:
            if new not in swapped.values():
                engine.put_settings(old, {"index.blocks.write": None})
        swapped[alias] = new
        if stdout is not None:
            stdout.write(f"{alias} -> {new}: thesaurus {thesaurus().version}")
    apply_pending()
    return swapped


def _wait_ready(engine: Engine, name: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        health = engine.call(
            "cluster.health", index=name, wait_for_status="yellow", timeout="5s"
        )
        if health.get("status") in ("green", "yellow"):
            return
    raise EngineUnavailable(f"{name} did not become ready in {seconds:g} s")
