"""The API's data: the sample catalogue (database search) and a few dossiers,
loaded once per module and rolled back afterwards."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings

from portal.dossiers.models import DossierStatus
from search import backends, indexing
from tests.e2e.conftest import ensure_wagtail_root
from tests.factories.backoffice import DossierFactory
from tests.search.sample import load_sample_catalogue


@pytest.fixture(scope="module")
def api_data(django_db_setup, django_db_blocker):
    """Catalogue + dossiers; search answered by the database in these tests
    (the cluster's answers are checked in tests/search)."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(ELASTICSEARCH_URL=""):
            backends.reset()
            ensure_wagtail_root()  # a transactional test may have flushed it
            load_sample_catalogue()
            indexing.write_search_text(list(indexing.procedure_documents()))
            dossier = DossierFactory(status=DossierStatus.IN_PROCESSING)
            yield {"dossier": dossier}
            backends.reset()
        transaction.set_rollback(True)


@pytest.fixture
def api(api_data, db):
    with override_settings(ELASTICSEARCH_URL=""):
        backends.reset()
        yield api_data
        backends.reset()
