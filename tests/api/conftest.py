"""The API's data: the sample catalogue (database search) with e-forms on two
procedures, a dossier with e-form answers and published questions, loaded
once per module and rolled back afterwards."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings

from cms_pages.models import ProcedurePage
from portal.dossiers.models import DossierStatus
from search import backends, indexing
from tests.e2e.conftest import ensure_wagtail_root
from tests.eforms.samples import BIRTH, BUSINESS, BUSINESS_ANSWERS, sample
from tests.factories.backoffice import DossierFactory
from tests.factories.eforms import EFormFactory, FilledFormFactory
from tests.factories.questions import published
from tests.search.sample import load_sample_catalogue

# Sample procedures that get an e-form: a condition, people and an address
# (birth registration); a repeating group and every other type (household business).
FORMS = {"1.001193": BIRTH, "2.000720": BUSINESS}


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
            for code, definition in FORMS.items():
                form = EFormFactory(definition=sample(definition))
                ProcedurePage.objects.filter(code=code).update(eform=form)
            dossier = DossierFactory(status=DossierStatus.IN_PROCESSING)
            FilledFormFactory(
                dossier=dossier, source=sample(BUSINESS), answers=BUSINESS_ANSWERS
            )
            plain = DossierFactory(status=DossierStatus.RECEIVED)
            # A published question about a procedure and one about the centre.
            birth = ProcedurePage.objects.get(
                code="1.001193", locale__language_code="vi"
            )
            published(
                procedure=birth,
                procedure_code=birth.code,
                agency=birth.agency,
                sector=birth.sector,
            )
            published(topic="centre", language="en")
            yield {"dossier": dossier, "plain_dossier": plain}
            backends.reset()
        transaction.set_rollback(True)


@pytest.fixture
def api(api_data, db):
    with override_settings(ELASTICSEARCH_URL=""):
        backends.reset()
        yield api_data
        backends.reset()
