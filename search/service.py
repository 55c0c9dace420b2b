"""Cluster or database: which backend answers a search.

`search_procedures()` and `suggest_procedures()` are what the API and the
search page call. They ask the cluster (`queries.py`) when one is configured
and the circuit breaker lets them (`backends/breaker.py`), and the database
(`fallback.py`) otherwise, or when the cluster fails this request.

`warm_up()` runs at worker start (`portal/wsgi.py`): it detects the engine,
opens a connection with a tiny search per index, and reads the thesaurus and
the lexicon, so the first visitor does not pay for any of it (nor trip the
breaker with a slow first query).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings

from search import documents
from search.backends import Engine, EngineError, EngineUnavailable, breaker, get_engine
from search.fallback import DatabaseProcedureSearch
from search.forms import SearchParams
from search.queries import ProcedureSearch
from search.results import SearchResults
from search.suggest import DatabaseProcedureSuggest, ProcedureSuggest

logger = logging.getLogger(__name__)
T = TypeVar("T")


def _with_fallback(
    run_engine: Callable[[Engine], T], run_database: Callable[[], T]
) -> T:
    engine = get_engine()
    if engine is not None:
        try:
            answer = run_engine(engine)
        except EngineUnavailable as error:
            breaker.failure(str(error))
        except EngineError:
            # A missing index (never rebuilt) or a query the engine rejects:
            # answer this request from the database; the cluster is up.
            breaker.success()
            logger.exception("Search cluster refused the query; using the database")
        else:
            breaker.success()
            return answer
    return run_database()


def search_procedures(params: SearchParams) -> SearchResults:
    """Search on the cluster, or the database when it is not there."""
    started, cpu = time.perf_counter(), time.thread_time()
    results = _with_fallback(
        lambda engine: ProcedureSearch(params).search(engine),
        lambda: DatabaseProcedureSearch(params).search(),
    )
    results.timings["search"] = (time.perf_counter() - started) * 1000
    # This worker's own CPU: unlike wall time, barely moved by a busy machine.
    results.timings["cpu"] = (time.thread_time() - cpu) * 1000
    return results


def suggest_procedures(q: str, locale: str = "vi") -> tuple[list[dict[str, str]], str]:
    """(suggestions, backend) for a prefix."""
    return _with_fallback(
        lambda engine: (ProcedureSuggest(q, locale).suggest(engine), engine.name),
        lambda: (DatabaseProcedureSuggest(q, locale).suggest(), "database"),
    )


_forks = {"registered": False}


def warm_up(wait: bool = False) -> threading.Thread | None:
    """Prepare this process for its first search (in a background thread).

    A worker forked from a process that warmed up (gunicorn --preload) must
    not share its connections: it forgets them and warms up on its own.
    """
    if not getattr(settings, "SEARCH_WARM_UP", True):
        return None
    if not _forks["registered"] and hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_warm_after_fork)
        _forks["registered"] = True
    thread = threading.Thread(target=_warm, name="search-warm-up", daemon=True)
    thread.start()
    if wait:
        thread.join()
    return thread


def _warm_after_fork() -> None:
    from search import backends

    backends.reset()
    warm_up()


def _warm() -> None:
    from django.db import connection

    from search.lexicon import lexicon
    from search.thesaurus import thesaurus

    try:
        thesaurus()
        for language in documents.LANGUAGES:
            lexicon(language)
        engine = get_engine()
        if engine is not None:
            try:
                for language in documents.LANGUAGES:
                    engine.search(documents.alias_name(language), {"size": 0})
            except EngineUnavailable as error:
                breaker.failure(f"warm-up: {error}")
            except EngineError:
                breaker.success()  # answered (e.g. no index yet): the cluster is up
            else:
                breaker.success()
        logger.info("Search warmed up (%s)", engine.name if engine else "database")
    except Exception:  # warming up must never stop a worker
        logger.exception("Search warm-up failed")
    finally:
        connection.close()
