"""Keep the search index and the database fallback text true to the pages.

Pages become documents here (`procedure_documents`); `update_procedures`
writes both stores in bulk (the signal handlers of `signals.py` call it after
each commit). A cluster outage never breaks publishing: the keys are recorded
in `PendingReindex` and `manage.py search_index update` (or the next
successful update) applies them. `rebuild` builds every index anew and swaps
aliases (`cluster_admin.py` has status and the thesaurus reload).
"""

import logging
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.html import strip_tags
from wagtail.models import Locale

from cms_pages.models import ProcedurePage
from search import documents, query_cache
from search.backends import Engine, EngineError, EngineUnavailable, breaker, get_engine
from search.models import PendingReindex, ProcedureSearchText
from search.text import code_variants, exact_lines, folded, normalise

logger = logging.getLogger(__name__)
CHUNK = 500  # procedures per bulk request (two lines each)
_SPACE = re.compile(r"\s+")


# Pages -> documents ---------------------------------------------------------


def _stream_text(value: Any) -> str:
    """Plain text of a StreamField's stored JSON (headings, paragraphs, FAQs…)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            parts.append(strip_tags(node))
        elif isinstance(node, dict):
            for key, item in node.items():
                if key not in (
                    "type",
                    "id",
                    "image",
                    "document",
                    "page",
                    "url",
                    "embed",
                ):
                    walk(item)
        elif isinstance(node, list | tuple):
            for item in node:
                walk(item)

    try:
        walk(value.get_prep_value() if hasattr(value, "get_prep_value") else value)
    except Exception:  # a broken block must not stop indexing
        logger.exception("Could not read the body text of a procedure")
    return _SPACE.sub(" ", " ".join(parts)).strip()


def _lines(texts: Iterable[str]) -> str:
    return "\n".join(normalise(t).strip() for t in texts if t and t.strip())


def live_procedures(keys: Iterable[uuid.UUID] | None = None):
    """Live, public procedure pages with what their documents need."""
    qs = (
        ProcedurePage.objects.live()
        .public()
        .select_related("sector", "agency", "locale")
        .prefetch_related("documents", "steps")
    )
    if keys is not None:
        qs = qs.filter(translation_key__in=list(keys))
    return qs


def _groups(
    pages: Iterable[ProcedurePage],
) -> dict[uuid.UUID, dict[str, ProcedurePage]]:
    groups: dict[uuid.UUID, dict[str, ProcedurePage]] = defaultdict(dict)
    for page in pages:
        groups[page.translation_key][page.locale.language_code[:2]] = page
    return groups


def _document(
    page: ProcedurePage,
    language: str,
    group: dict[str, ProcedurePage],
    questions: str = "",
) -> dict[str, Any]:
    names = [p.name for lang, p in group.items() if p is not page]
    keywords = list(dict.fromkeys(k for p in group.values() for k in p.keyword_list))
    return {
        "translation_key": str(page.translation_key),
        "page_id": page.pk,
        "locale": language,
        "language": page.locale.language_code[:2],
        "code": page.code,
        "code_variants": code_variants(page.code),
        "name": normalise(page.name),
        "sort_name": folded(page.name).strip(),
        "other_names": _lines(names),
        "keywords": _lines(keywords),
        "sector": page.sector.slug,
        "sector_name": normalise(page.sector.name),
        "sector_facet": f"{page.sector.slug}\t{page.sector.name}",
        "agency": page.agency.slug,
        "agency_name": normalise(page.agency.name),
        "agency_facet": f"{page.agency.slug}\t{page.agency.name}",
        "level": page.level,
        "online_service": page.online_service,
        "processing_time_days": float(page.processing_time_days)
        if page.processing_time_days is not None
        else None,
        "result": normalise(page.result),
        "documents": _lines(
            f"{d.name} {d.template_name}".strip() for d in page.documents.all()
        ),
        "steps": _lines(s.text for s in page.steps.all()),
        "requirements": normalise(page.requirements),
        "body": normalise(_stream_text(page.body)),
        # Published answered questions about the procedure (portal.questions).
        "questions": normalise(questions),
        "url": page.get_full_url() or page.url or "",
    }


def procedure_documents(
    keys: Iterable[uuid.UUID] | None = None,
) -> Iterator[tuple[uuid.UUID, str, dict[str, Any] | None]]:
    """(translation key, language, document or None when gone) for each locale.

    A locale without a live translation gets the source page's document, so a
    visitor searching in English still finds every procedure.
    """
    from portal.questions.queries import question_texts

    key_list = list(keys) if keys is not None else None
    groups = _groups(live_procedures(key_list))
    default = Locale.get_default().language_code[:2]
    wanted = key_list if key_list is not None else list(groups)
    questions = question_texts(wanted)
    for key in wanted:
        group = groups.get(key, {})
        for language in documents.LANGUAGES:
            # The locale's own page, else the source-language page; never
            # another translation (an unpublished source hides it everywhere).
            page = group.get(language) or group.get(default)
            doc = (
                _document(page, language, group, questions.get(key, ""))
                if page
                else None
            )
            yield key, language, doc


# Database fallback text -----------------------------------------------------


def folded_lines(*values: str) -> str:
    """Folded, space-padded text, one line per value and per line of a value, so
    a phrase never matches across two values."""
    lines = (folded(line) for value in values for line in (value or "").splitlines())
    return "\n".join(line for line in lines if line)


def _search_text_row(doc: dict[str, Any], locale: Locale) -> ProcedureSearchText:
    return ProcedureSearchText(
        translation_key=doc["translation_key"],
        locale=locale,
        page_id=doc["page_id"],
        code=doc["code"],
        name=doc["name"],
        sort_name=doc["sort_name"][:255],
        sector_slug=doc["sector"],
        sector_name=doc["sector_name"],
        agency_slug=doc["agency"],
        agency_name=doc["agency_name"],
        level=doc["level"],
        online_service=doc["online_service"],
        processing_time_days=doc["processing_time_days"],
        url=doc["url"][:500],
        text_language=doc.get("language", "")[:8],
        code_folded=" " + " ".join(doc["code_variants"]) + " ",
        name_folded=folded(doc["name"]),
        keywords_folded=folded_lines(doc["keywords"]),
        other_folded=folded_lines(doc["other_names"]),
        summary_folded=folded_lines(
            doc["result"],
            doc["sector_name"],
            doc["agency_name"],
            doc.get("questions", ""),
        ),
        text_folded=folded_lines(
            *(doc.get(f, "") for f in ("documents", "steps", "requirements", "body"))
        ),
        main_exact=exact_lines(
            doc["name"],
            doc["keywords"],
            doc["other_names"],
            doc["result"],
            doc["sector_name"],
            doc["agency_name"],
            doc.get("questions", ""),
        ),
        highlight_source="\n".join(
            doc[f] for f in ("result", "documents", "steps", "body") if doc.get(f)
        )[:4000],
    )


def write_search_text(
    items: list[tuple[uuid.UUID, str, dict[str, Any] | None]],
) -> None:
    """Replace the fallback rows of these procedures (one transaction)."""
    locales = {loc.language_code[:2]: loc for loc in Locale.objects.all()}
    keys = {key for key, _, _ in items}
    rows = [
        _search_text_row(doc, locales[lang])
        for _, lang, doc in items
        if doc is not None and lang in locales
    ]
    with transaction.atomic():
        ProcedureSearchText.objects.filter(translation_key__in=keys).delete()
        ProcedureSearchText.objects.bulk_create(rows, batch_size=500)
    from search import lexicon

    lexicon.invalidate()


# Cluster --------------------------------------------------------------------


def bulk_operations(
    items: list[tuple[uuid.UUID, str, dict[str, Any] | None]], index_for: dict[str, str]
) -> list[dict[str, Any]]:
    """Bulk API lines: index the documents that exist, delete the ones gone."""
    operations: list[dict[str, Any]] = []
    for key, language, doc in items:
        if language not in index_for:
            continue
        target = {"_index": index_for[language], "_id": str(key)}
        if doc is None:
            operations.append({"delete": target})
        else:
            operations.append({"index": target})
            operations.append(doc)
    return operations


def send_bulk(
    engine: Engine, operations: list[dict[str, Any]], refresh: bool = False
) -> int:
    """Send operations in chunks; returns how many failed (a missing delete is fine)."""
    failures = 0
    step = CHUNK * 2
    for start in range(0, len(operations), step):
        answer = engine.bulk(operations[start : start + step], refresh=refresh)
        if answer.get("errors"):
            for item in answer.get("items", []):
                action, result = next(iter(item.items()))
                if result.get("status", 200) >= 300 and not (
                    action == "delete" and result.get("status") == 404
                ):
                    failures += 1
                    logger.error(
                        "Search bulk %s failed: %s", action, result.get("error")
                    )
    # Cached facet counts and best scores describe the old catalogue.
    query_cache.catalogue_changed()
    return failures


def update_procedures(keys: Iterable[uuid.UUID], refresh: bool = False) -> bool:
    """Bring both stores up to date for these procedures; True if the cluster was too.

    Never raises for a cluster problem: the keys are queued in PendingReindex.
    """
    keys = list(dict.fromkeys(keys))
    if not keys:
        return True
    cluster_ok = True
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        items = list(procedure_documents(chunk))
        write_search_text(items)
        engine = get_engine()
        if engine is None:
            cluster_ok = False
            if documents_configured():
                queue_for_later(chunk)
            continue
        try:
            aliases = {lang: documents.alias_name(lang) for lang in documents.LANGUAGES}
            failures = send_bulk(
                engine, bulk_operations(items, aliases), refresh=refresh
            )
            if failures:
                raise EngineError(f"{failures} documents failed")
            breaker.success()
            PendingReindex.objects.filter(translation_key__in=chunk).delete()
        except (EngineUnavailable, EngineError) as error:
            if isinstance(error, EngineUnavailable):
                breaker.failure(str(error))
            else:
                breaker.success()
            logger.warning("Search index update queued for later: %s", error)
            queue_for_later(chunk)
            cluster_ok = False
    return cluster_ok


def documents_configured() -> bool:
    from search.backends import cluster_urls

    return bool(cluster_urls())


def queue_for_later(keys: list[uuid.UUID]) -> None:
    """Record procedures whose cluster update must be retried."""
    existing = set(
        PendingReindex.objects.filter(translation_key__in=keys).values_list(
            "translation_key", flat=True
        )
    )
    PendingReindex.objects.bulk_create(
        [PendingReindex(translation_key=k) for k in keys if k not in existing],
        ignore_conflicts=True,
    )


def apply_pending() -> tuple[int, bool]:
    """Retry queued procedures: (how many, whether the cluster took them)."""
    keys = list(PendingReindex.objects.values_list("translation_key", flat=True))
    if not keys:
        return 0, True
    PendingReindex.objects.filter(translation_key__in=keys).update(
        attempts=F("attempts") + 1
    )
    return len(keys), update_procedures(keys)


# Rebuild and status ---------------------------------------------------------


def build_index(engine: Engine, language: str, docs: list[dict[str, Any]]) -> str:
    """A new concrete index for `language` holding `docs`; returns its name.

    Refreshing is switched off while loading and back on afterwards (the usual
    bulk-load setting); the alias is not touched.
    """
    name = documents.new_index_name(language)
    body = documents.index_body(language, name)
    body["settings"]["refresh_interval"] = "-1"
    engine.create_index(name, body)
    operations: list[dict[str, Any]] = []
    for doc in docs:
        operations.append({"index": {"_index": name, "_id": doc["translation_key"]}})
        operations.append(doc)
    failures = send_bulk(engine, operations)
    if failures:
        engine.delete_index(name)
        raise EngineError(f"{failures} documents could not be indexed into {name}")
    engine.put_settings(name, {"index": {"refresh_interval": "1s"}})
    engine.refresh(name)
    return name


def point_alias(engine: Engine, language: str, name: str) -> None:
    """Move the locale's alias to `name` atomically and drop the old indices."""
    alias = documents.alias_name(language)
    old = engine.indices_for_alias(alias)
    # A concrete index squatting on the alias name (never made by us) must go.
    if not old and alias in engine.list_indices(alias):
        engine.delete_index(alias)
    engine.swap_alias(alias, name, old)
    query_cache.catalogue_changed()
    for stale in old:
        if stale != name:
            engine.delete_index(stale)


def rebuild(engine: Engine, stdout=None) -> dict[str, tuple[str, int]]:
    """Build every locale's index anew, then swap its alias (zero downtime).

    Also rewrites the database fallback text. Returns {alias: (index, count)}.
    """
    items = list(procedure_documents())
    write_search_text(items)
    built: dict[str, tuple[str, int]] = {}
    for language in documents.LANGUAGES:
        docs = [doc for _, lang, doc in items if lang == language and doc is not None]
        name = build_index(engine, language, docs)
        point_alias(engine, language, name)
        alias = documents.alias_name(language)
        built[alias] = (name, engine.count(alias))
        if stdout is not None:
            stdout.write(f"{alias} -> {name}: {built[alias][1]} documents")
    PendingReindex.objects.all().delete()
    return built
