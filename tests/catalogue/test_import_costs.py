"""What a catalogue import costs besides Wagtail's own publishing (issue 9).

The import publishes every page through `add_child`, `save_revision` and
`revision.publish`; these tests pin the work around that which the portal
itself does once per batch instead of once per row or per page.
"""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageLogEntry

from cms_pages.bulk_writes import bulk_write
from cms_pages.models import ProcedurePage, ProcedureStep
from cms_pages.procedure_codes import vouch_for_codes
from portal.frontend_cache import SITE_WIDE_PATTERN
from tests.catalogue.test_import import SUBSET, run_import
from tests.eforms.samples import BIRTH, sample
from tests.factories.catalogue import ProcedurePageFactory
from tests.factories.eforms import EFormFactory
from tests.front_cache import front_cache  # noqa: F401 - a fixture


@pytest.fixture
def subset(sample_records):
    return [sample_records[i] for i in SUBSET]


def inserts_into(queries, table: str) -> int:
    return sum(1 for q in queries if q["sql"].startswith(f'INSERT INTO "{table}"'))


def test_new_pages_rows_go_in_with_one_insert_per_model(
    site_tree, subset, write_catalogue
):
    with CaptureQueriesContext(connection) as queries:
        run_import(write_catalogue(subset))
    steps = ProcedureStep.objects.all()
    # Vietnamese and English pages: one statement per language, each with
    # many rows (a row by row insert made one statement per step).
    assert steps.count() > 2 * len(subset)
    assert inserts_into(queries, "cms_pages_procedurestep") == 2
    # Publishing still saves each row once more, as Wagtail publishes.
    for page in ProcedurePage.objects.all():
        content = page.live_revision.content
        # The revision holds the rows with their ids (editing keeps them).
        assert [s["pk"] for s in content["steps"]] == [s.pk for s in page.steps.all()]
        assert all(s["pk"] is not None for s in content["documents"])
        actions = set(
            PageLogEntry.objects.filter(page=page).values_list("action", flat=True)
        )
        assert actions == {"wagtail.create", "wagtail.publish"}


def test_code_check_is_answered_by_its_index(site_tree):
    """`ProcedurePage.clean()` compares codes in any letter case: its
    condition is the `Upper(code)` index's expression, so PostgreSQL can
    answer it from the index instead of reading every procedure on each
    publish."""
    _, catalogue = site_tree
    page = ProcedurePageFactory(parent=catalogue, code="1.00ABC")
    with CaptureQueriesContext(connection) as queries:
        page.clean()
    [check] = [q["sql"] for q in queries if "UPPER(" in q["sql"]]
    condition = re.search(r'UPPER\([^)]*\."code"[^)]*\) = UPPER\(\'[^\']*\'\)', check)
    with connection.cursor() as cursor:
        # Tiny test tables are read whole anyway, and which index serves the
        # whole query depends on their statistics: ask about the condition.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            f"EXPLAIN SELECT 1 FROM cms_pages_procedurepage WHERE {condition[0]}"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "procedure_code_upper" in plan


def test_code_check_still_refuses_a_code_in_another_case(site_tree):
    _, catalogue = site_tree
    first = ProcedurePageFactory(parent=catalogue, code="1.00ABC")
    other = ProcedurePageFactory(parent=catalogue, code="1.00abd")
    other.code = "1.00abc"
    with pytest.raises(ValidationError, match=re.escape(first.title)):
        other.clean()


def test_a_code_taken_in_another_case_refuses_the_import(
    site_tree, subset, write_catalogue
):
    """The batch check does not vouch for a taken code: the page's own
    `clean()` refuses it, with its message, and nothing is written."""
    _, catalogue = site_tree
    taken = ProcedurePageFactory(parent=catalogue, code=subset[1]["code"].lower() + "x")
    records = [dict(record) for record in subset]
    records[1]["code"] = taken.code.upper()
    pages = ProcedurePage.objects.count()
    with pytest.raises(CommandError):
        run_import(write_catalogue(records))
    assert ProcedurePage.objects.count() == pages


def test_codes_vouched_for_in_a_batch_are_not_asked_again(site_tree):
    _, catalogue = site_tree
    page = ProcedurePageFactory(parent=catalogue, code="1.00ABC")
    clashing = ProcedurePageFactory(parent=catalogue, code="1.00ABD")
    clashing.code = "1.00abc"
    with bulk_write():
        vouch_for_codes([page, clashing])
        with CaptureQueriesContext(connection) as queries:
            page.clean()
        assert not [q for q in queries if "UPPER(" in q["sql"]]
        with pytest.raises(ValidationError, match=re.escape(page.title)):
            clashing.clean()
    # Outside the batch the page asks again.
    with CaptureQueriesContext(connection) as queries:
        page.clean()
    assert [q for q in queries if "UPPER(" in q["sql"]]


def test_an_import_bans_the_cached_site_once(
    site_tree,
    subset,
    write_catalogue,
    front_cache,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
):
    """Every page, listing, the search page and the API change: one ban of the
    site when the import commits, not two purges per page and a ban per
    sector and agency."""
    with django_capture_on_commit_callbacks(execute=True):
        run_import(write_catalogue(subset))
    assert front_cache.bans == [SITE_WIDE_PATTERN]


def test_a_bulk_write_bans_the_api_once_for_many_forms(
    site_tree,
    front_cache,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
):
    """E-forms show only in the API: forms saved in a batch (here one, twice)
    ban it once; a page published in the same batch bans the site once."""
    _, catalogue = site_tree
    page = ProcedurePageFactory(parent=catalogue)
    front_cache.bans.clear()
    with django_capture_on_commit_callbacks(execute=True), bulk_write():
        form = EFormFactory(definition=sample(BIRTH))
        form.save()
        page.save_revision().publish()
    assert front_cache.bans == ["^(/api/)", SITE_WIDE_PATTERN]


def test_publishing_a_page_purges_it_once(
    site_tree,
    front_cache,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
):
    """An editor's publish: the page's URLs (with its listings) in one ban,
    the URLs under it and the API in another; Wagtail's own purge of the same
    page is not queued a second time (its app is not installed)."""
    _, catalogue = site_tree
    page = ProcedurePageFactory(parent=catalogue)
    front_cache.bans.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert len(front_cache.bans) == 2
    exact, prefixes = front_cache.bans
    assert re.escape(page.url) in exact and re.escape(catalogue.url) in exact
    assert prefixes.startswith("^(") and "/api/" in prefixes
