"""cms_pages.bulk_writes: Wagtail's per-save housekeeping done once per batch."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ReferenceIndex

from cms_pages.bulk_writes import bulk_write
from cms_pages.models import ProcedurePage
from tests.factories.catalogue import ProcedurePageFactory, SectorFactory


def in_wagtail_search(word: str) -> set[int]:
    """Procedure pages Wagtail's own search (the admin's) finds for `word`."""
    return {page.pk for page in ProcedurePage.objects.search(word)}


def test_outside_a_batch_saves_index_as_wagtail_does(site_tree):
    _, catalogue = site_tree
    page = ProcedurePageFactory(parent=catalogue, title="Cấp phép khai thác cát")
    assert page.pk in in_wagtail_search("khai thác cát")
    page.title = "Cấp phép nuôi ong"
    page.save_revision().publish()
    assert page.pk in in_wagtail_search("nuôi ong")
    assert page.pk not in in_wagtail_search("khai thác cát")
    pk = page.pk
    page.delete()
    assert pk not in in_wagtail_search("nuôi ong")


def test_a_batch_indexes_each_page_once_at_the_end(site_tree):
    _, catalogue = site_tree
    with bulk_write():
        page = ProcedurePageFactory(parent=catalogue, title="Đăng ký hành nghề lặn")
        page.title = "Đăng ký hành nghề thợ lặn"
        page.save_revision().publish()
        # Nothing reached Wagtail's index during the batch.
        assert page.pk not in in_wagtail_search("lặn")
    assert page.pk in in_wagtail_search("thợ lặn")


def test_a_page_deleted_in_a_batch_leaves_the_index(site_tree):
    _, catalogue = site_tree
    page = ProcedurePageFactory(parent=catalogue, title="Cấp giấy phép bay flycam")
    pk = page.pk
    with bulk_write():
        page.delete()
    assert pk not in in_wagtail_search("flycam")


def test_references_are_recorded_once_at_the_end(site_tree):
    _, catalogue = site_tree
    sector = SectorFactory()
    with bulk_write() as batch:
        page = ProcedurePageFactory(parent=catalogue, sector=sector)
        assert not ReferenceIndex.get_references_to(sector).exists()
        batch.touched.append(page)
    assert ReferenceIndex.get_references_to(sector).filter(object_id=str(page.pk))


def test_revisions_rebuilt_in_a_batch_skip_the_foreign_key_lookups(site_tree):
    _, catalogue = site_tree
    page = ProcedurePageFactory(parent=catalogue, documents=4, steps=4)
    revision = page.get_latest_revision()
    with CaptureQueriesContext(connection) as outside:
        revision.as_object()
    with bulk_write(), CaptureQueriesContext(connection) as inside:
        rebuilt = revision.as_object()
    # Outside: each row's page and locale, the page's own keys; inside: none.
    assert len(outside) - len(inside) >= 2 * (4 + 4 + 1 + 1)
    assert [step.text for step in rebuilt.steps.all()] == [
        step.text for step in page.steps.all()
    ]


def test_in_a_batch_the_tree_path_is_not_checked_again(site_tree):
    """Treebeard gave the path and publishing keeps it: one query less per
    publish. Everything else is still validated."""
    _, catalogue = site_tree
    page = ProcedurePageFactory(parent=catalogue)

    def path_checks(queries) -> int:
        return sum('"wagtailcore_page"."path" = ' in q["sql"] for q in queries)

    with CaptureQueriesContext(connection) as outside:
        page.full_clean()
    with bulk_write(), CaptureQueriesContext(connection) as inside:
        page.full_clean()
    assert path_checks(outside) == 1
    assert path_checks(inside) == 0
    page.title = ""
    with bulk_write(), pytest.raises(ValidationError, match="title"):
        page.full_clean()


def test_a_failed_batch_indexes_nothing(site_tree):
    _, catalogue = site_tree
    with pytest.raises(RuntimeError, match="boom"), bulk_write():
        page = ProcedurePageFactory(parent=catalogue, title="Thủ tục thất bại")
        raise RuntimeError("boom")
    assert page.pk not in in_wagtail_search("thất bại")


def test_batches_do_not_nest(db):
    with bulk_write(), pytest.raises(RuntimeError, match="nest"), bulk_write():
        pass
