"""Search test fixtures: the sample catalogue, indexed on the real node.

Search tests run against the node ELASTICSEARCH_URL points at (scripts/run_tests.sh
starts one). Without it they fail: a search test must never pass silently.

The catalogue is loaded once per module inside a transaction that is rolled
back afterwards (like Django's setUpTestData), so other tests never see it.
"""

import os
import uuid

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings

from cms_pages.models import ProcedurePage
from search import backends, indexing, lexicon, signals, synonyms
from search.forms import SearchParams
from search.queries import ProcedureSearch
from tests.search.sample import SAMPLE, load_catalogue


def cluster_url() -> str:
    return os.environ.get("ELASTICSEARCH_URL", "")


@pytest.fixture(scope="module")
def _unlimited_searches():
    """These tests send hundreds of searches a minute from one address, as no
    visitor does; the limit itself is tested in tests/security.

    Module-scoped on purpose: settings overrides must nest. The module's
    `cluster` override is often entered in the middle of a test (through
    `backend`); a per-test override entered before it would, on leaving,
    restore the settings it saw and silently drop the cluster's index prefix
    for the rest of the module.
    """
    with override_settings(RATE_LIMITS={"search_api": "100000/60"}):
        yield


@pytest.fixture(autouse=True)
def _fresh_search_state(_unlimited_searches):
    backends.reset()
    synonyms.invalidate()
    lexicon.invalidate()
    yield
    backends.reset()


@pytest.fixture(scope="module")
def search_prefix():
    """A prefix of our own per module (xdist workers get different modules)."""
    base = os.environ.get("SEARCH_INDEX_PREFIX") or "test"
    return f"{base}_{uuid.uuid4().hex[:8]}".lower()


@pytest.fixture(scope="module")
def catalogue_path():
    """The catalogue a module searches (override in a module for another one)."""
    return SAMPLE


@pytest.fixture(scope="module")
def catalogue(catalogue_path, django_db_setup, django_db_blocker):
    """The module's catalogue in the test database, for this module's tests."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            with override_settings(ELASTICSEARCH_URL=""):
                backends.reset()
                # Exactly this catalogue: the browser tests' session demo
                # (other procedures, other English pages) may be in the
                # database already.
                ProcedurePage.objects.all().delete()
                load_catalogue(catalogue_path)
                indexing.write_search_text(list(indexing.procedure_documents()))
                signals.forget_scheduled()  # the load never commits
            yield
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def cluster(search_prefix):
    """The real search engine; fails (never skips) when it does not answer."""
    urls = cluster_url()
    if not urls:
        pytest.fail(
            "ELASTICSEARCH_URL is not set: search tests need a running node "
            "(make search-engine)"
        )
    # A generous timeout: CI machines are small and shared. The one-second
    # production timeout has its own test (test_engines.py).
    with override_settings(
        ELASTICSEARCH_URL=urls, SEARCH_INDEX_PREFIX=search_prefix, SEARCH_TIMEOUT=10
    ):
        backends.reset()
        try:
            engine = backends.require_engine()
        except Exception as error:  # noqa: BLE001
            pytest.fail(f"Search node at {urls} is not reachable: {error}")
        yield engine
        for name in engine.list_indices(f"{search_prefix}_*"):
            engine.delete_index(name)


@pytest.fixture(scope="module")
def indexed(catalogue, cluster, django_db_blocker):
    """The sample catalogue indexed into this module's indices."""
    with django_db_blocker.unblock():
        indexing.rebuild(cluster)
        # The first queries on a new index are slow while caches warm up.
        for language in ("vi", "en"):
            ProcedureSearch(SearchParams(q="dang ky", locale=language)).search(cluster)
            ProcedureSearch(SearchParams(q="", locale=language)).search(cluster)
    return cluster


@pytest.fixture
def on_cluster(indexed, db):
    """Requests in this test are answered by the cluster."""
    backends.reset()
    return indexed


@pytest.fixture
def on_database(catalogue, db):
    """Requests in this test are answered by the database fallback."""
    with override_settings(ELASTICSEARCH_URL=""):
        backends.reset()
        yield


@pytest.fixture(params=["cluster", "database"])
def backend(request, catalogue, db):
    """Each test runs twice: answered by the cluster, then by the database."""
    if request.param == "cluster":
        engine = request.getfixturevalue("indexed")
        prefix = request.getfixturevalue("search_prefix")
        backends.reset()
        yield engine.name
        # A test answered by some other index would prove nothing.
        assert settings.SEARCH_INDEX_PREFIX == prefix, (
            "the module's search settings were lost during the test"
        )
        return
    request.getfixturevalue("on_database")
    yield "database"
