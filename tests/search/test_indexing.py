"""Keeping the index true: signals after commit, outages, alias swaps, commands."""

import io
import socket

import pytest
from django.core.management import call_command
from django.test import override_settings

from cms_pages.models import ProcedurePage
from search import backends, documents, indexing, signals
from search.models import PendingReindex, ProcedureSearchText

pytestmark = pytest.mark.search


@pytest.fixture
def engine(indexed, db):
    """A freshly rebuilt index (tests here change it)."""
    indexing.rebuild(indexed)
    signals.forget_scheduled()
    backends.reset()
    return indexed


def _codes_on_cluster(engine, q: str, language: str = "vi") -> list[str]:
    engine.refresh(documents.alias_name(language))
    body = {
        "query": {
            "multi_match": {"query": q, "fields": ["name", "code"], "operator": "and"}
        },
        "size": 50,
    }
    return [
        hit["_source"]["code"]
        for hit in engine.search(documents.alias_name(language), body)["hits"]["hits"]
    ]


def _page(code: str, language: str = "vi") -> ProcedurePage:
    return ProcedurePage.objects.get(code=code, locale__language_code=language)


def test_publishing_updates_index_and_fallback_after_commit(
    engine, django_capture_on_commit_callbacks
):
    page = _page("1.001193")
    page.title = "Đăng ký khai sinh lưu động"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page.save_revision().publish()
        assert "1.001193" not in _codes_on_cluster(
            engine, "luu dong"
        )  # not before commit
    assert callbacks
    assert "1.001193" in _codes_on_cluster(engine, "luu dong")
    row = ProcedureSearchText.objects.get(code="1.001193", locale__language_code="vi")
    assert " luu dong " in row.name_folded


def test_unpublishing_and_deleting_remove_the_procedure(
    engine, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _page("2.000488").unpublish()
    assert "2.000488" not in _codes_on_cluster(engine, "2.000488")
    assert not ProcedureSearchText.objects.filter(
        code="2.000488", locale__language_code="vi"
    ).exists()
    with django_capture_on_commit_callbacks(execute=True):
        _page("1.000894").delete()
    assert "1.000894" not in _codes_on_cluster(engine, "1.000894")


def test_one_bulk_request_per_transaction(
    engine, django_capture_on_commit_callbacks, monkeypatch
):
    calls = []
    original = type(engine).bulk

    def counting_bulk(self, operations, refresh=False):
        calls.append(len(operations))
        return original(self, operations, refresh=refresh)

    monkeypatch.setattr(type(engine), "bulk", counting_bulk)
    with django_capture_on_commit_callbacks(execute=True):
        for code in ("1.001193", "1.000894", "2.000488"):
            page = _page(code)
            page.title += " (sửa)"
            page.save_revision().publish()
    assert (
        len(calls) == 1 and calls[0] == 3 * 2 * 2
    )  # 3 procedures x 2 locales x (action + doc)


def _dead_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def test_cluster_outage_never_blocks_publishing(
    engine, django_capture_on_commit_callbacks
):
    page = _page("2.000412")
    page.title = "Cấp hộ chiếu phổ thông lần đầu"
    with override_settings(ELASTICSEARCH_URL=_dead_url()):
        backends.reset()
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
    page.refresh_from_db()
    assert page.live and page.title == "Cấp hộ chiếu phổ thông lần đầu"
    assert PendingReindex.objects.filter(translation_key=page.translation_key).exists()
    # The database fallback is already right.
    assert (
        " lan dau "
        in ProcedureSearchText.objects.get(
            code="2.000412", locale__language_code="vi"
        ).name_folded
    )
    # The cluster is back: `search_index update` applies the queued change.
    backends.reset()
    out = io.StringIO()
    call_command("search_index", "update", stdout=out)
    assert "Applied 1" in out.getvalue()
    assert not PendingReindex.objects.exists()
    assert "2.000412" in _codes_on_cluster(engine, "ho chieu lan dau")


def test_translation_gets_its_own_document(engine):
    en_codes = _codes_on_cluster(engine, "birth registration", "en")
    assert en_codes[0] == "1.001193"
    # An untranslated procedure is still in the English index, in Vietnamese.
    assert "1.000894" in _codes_on_cluster(engine, "1.000894", "en")


def test_rebuild_swaps_the_alias_and_drops_the_old_index(engine):
    alias = documents.alias_name("vi")
    before = engine.indices_for_alias(alias)
    out = io.StringIO()
    call_command("search_index", "rebuild", stdout=out)
    after = engine.indices_for_alias(alias)
    assert len(after) == 1 and after != before
    assert not engine.list_indices(before[0])
    assert engine.count(alias) == 45
    status = io.StringIO()
    call_command("search_index", "status", stdout=status)
    assert f"{alias}\t{after[0]}\t45" in status.getvalue()
