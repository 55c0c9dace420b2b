"""A small public site with one of everything a visitor can reach, for the
generated-input tests: catalogue, procedures (one filed online), search,
news, investment projects, an editor-built form, and dossiers in the states
the tracking page acts on (waiting for a supplement, result returned)."""

from __future__ import annotations

import atexit
import os
import sys
import traceback

import pytest
from django.core.cache import caches
from django.core.signals import got_request_exception
from django.db import transaction
from django.test import Client

from portal.backoffice.models import SupplementItem, SupplementRequest
from portal.dossiers.calendar_data import load_calendar_days
from portal.dossiers.models import CalendarDay, DossierStatus
from portal.eforms.pages import form_pages
from tests.e2e.conftest import ensure_wagtail_root
from tests.eforms.samples import BIRTH, BUSINESS, BUSINESS_ANSWERS, sample
from tests.factories.backoffice import DossierFactory
from tests.factories.catalogue import ProcedurePageFactory, build_site
from tests.factories.eforms import EFormFactory, FilledFormFactory
from tests.factories.questions import published
from tests.factories.site import (
    FormPageFactory,
    InvestmentIndexPageFactory,
    InvestmentProjectIndexPageFactory,
    InvestmentProjectPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
)

# The online procedure's e-form: every page kind the wizard makes from one
# (a section, one question per page, conditions, an address, people, and a
# repeating group with "Add another"/"Remove" buttons).
FUZZ_FORM = {
    **sample(BIRTH),
    "sections": [*sample(BIRTH)["sections"], sample(BUSINESS)["sections"][1]],
}
EFORM_STEPS = [page.step for page in form_pages(FUZZ_FORM)]


@pytest.fixture(scope="module")
def public_site(django_db_setup, django_db_blocker):
    """Every kind of public page, with the URLs and codes the tests attack.

    Built once per module inside a transaction rolled back at the end; each
    test's own `db` transaction nests in it as a savepoint.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_site()
        transaction.set_rollback(True)


@pytest.fixture
def site(public_site, db):
    """The module's site, inside this test's transaction."""
    return public_site


def _build_site() -> dict:
    ensure_wagtail_root()  # a transactional test may have flushed it
    load_calendar_days(CalendarDay)
    home, catalogue = build_site()
    online = ProcedurePageFactory(
        parent=catalogue,
        code="1.004227",
        title="Đăng ký khai sinh",
        online_service="full",
        channel_online=True,
        for_individuals=True,
        for_organizations=True,
        eform=EFormFactory(definition=FUZZ_FORM),
    )
    ProcedurePageFactory(parent=catalogue, online_service="none")
    news = NewsIndexPageFactory(parent=home)
    NewsPageFactory(parent=news)
    investment = InvestmentIndexPageFactory(parent=home)
    projects = InvestmentProjectIndexPageFactory(parent=investment)
    InvestmentProjectPageFactory(parent=projects)
    form_page = FormPageFactory(parent=home)
    standard = StandardPageFactory(parent=home)
    waiting = DossierFactory(
        agency=online.agency,
        sector=online.sector,
        procedure=online,
        procedure_code=online.code,
        status=DossierStatus.SUPPLEMENT_REQUESTED,
    )
    # Its e-form answers show (masked) on the tracking page and the status API.
    FilledFormFactory(
        dossier=waiting, source=sample(BUSINESS), answers=BUSINESS_ANSWERS
    )
    supplement = SupplementRequest.objects.create(dossier=waiting, message="Thiếu")
    SupplementItem.objects.create(request=supplement, document_name="Giấy chứng sinh")
    returned = DossierFactory(
        agency=online.agency,
        sector=online.sector,
        status=DossierStatus.RESULT_RETURNED,
    )
    # A published question: its page, the Q&A index and API show it.
    question = published(
        procedure=online,
        procedure_code=online.code,
        agency=online.agency,
        sector=online.sector,
    )
    return {
        "question": question,
        "home": home,
        "catalogue": catalogue,
        "procedure": online,
        "news": news,
        "projects": projects,
        "form_page": form_page,
        "standard": standard,
        "waiting": waiting,
        "returned": returned,
    }


@pytest.fixture
def visitor():
    """A browser whose server errors come back as responses, not exceptions,
    so a test can say which request got a 5xx."""
    return Client(raise_request_exception=False)


def reset_limits() -> None:
    """Rate-limit counters start again (every example is a fresh visitor)."""
    caches["default"].clear()


def send(client: Client, method: str, path: str, *args, **kwargs):
    """One request inside a savepoint rolled back afterwards: every example
    sees the same data, and a database error in one request (a 500 this test
    is looking for) does not abort the test's transaction for the next."""
    REQUESTS_SENT[0] += 1
    with transaction.atomic():
        response = getattr(client, method)(path, *args, **kwargs)
        transaction.set_rollback(True)
    return response


FUZZ_REPORT = os.environ.get("FUZZ_REPORT")
REQUESTS_SENT = [0]


@atexit.register
def _report_count() -> None:
    if FUZZ_REPORT and REQUESTS_SENT[0]:
        with open(FUZZ_REPORT, "a", encoding="utf-8") as report:
            report.write(f"requests sent\t{REQUESTS_SENT[0]}\n")


_last_error: list[BaseException] = []


def _remember_error(sender, request=None, **kwargs) -> None:
    _last_error[:] = [sys.exc_info()[1]]


if FUZZ_REPORT:
    got_request_exception.connect(_remember_error)


def _cause(error: BaseException | None) -> str:
    """ "Type: message @ innermost project frame" of a server error."""
    if error is None:
        return "no exception"
    frames = [
        f"{frame.filename.split('hardening/')[-1]}:{frame.lineno}"
        for frame in traceback.extract_tb(error.__traceback__)
        if "site-packages" not in frame.filename
    ]
    where = frames[-1] if frames else "library"
    return f"{type(error).__name__}: {str(error)[:80]} @ {where}"


def assert_answered(response, what: str) -> None:
    """No 5xx. With FUZZ_REPORT=FILE, record every 5xx there (with its cause)
    instead of failing, so one long run lists them all."""
    if FUZZ_REPORT and response.status_code >= 500:
        cause = _cause(_last_error[0] if _last_error else None)
        _last_error.clear()
        with open(FUZZ_REPORT, "a", encoding="utf-8") as report:
            report.write(f"{response.status_code}\t{cause}\t{what[:300]!r}\n")
        return
    assert response.status_code < 500, f"{what} answered {response.status_code}"
