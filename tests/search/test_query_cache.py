"""What a search remembers for a minute (search/query_cache.py), on the real node.

A repeated search and its page 2 skip the best-score probe and the facet
aggregations; a write to the index forgets both; a best score that another
process's change has made wrong is noticed and never changes the answer.
"""

from typing import Any

import pytest
from django.core.cache import caches

from cms_pages.models import ProcedurePage
from search import documents, indexing, query_cache, signals
from search.forms import SearchParams
from search.queries import ProcedureSearch

pytestmark = pytest.mark.search


class Recording:
    """The real engine, with the bodies of the searches sent to it kept."""

    def __init__(self, engine):
        self.engine = engine
        self.name = engine.name
        self.bodies: list[dict[str, Any]] = []

    def search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        self.bodies.append(body)
        return self.engine.search(index, body)

    @property
    def probes(self) -> int:
        return sum(1 for body in self.bodies if body.get("size") == 1)


@pytest.fixture
def engine(on_cluster):
    caches["local"].clear()
    yield Recording(on_cluster)
    caches["local"].clear()


def _search(engine: Recording, q: str, page: int = 1, page_size: int = 5):
    params = SearchParams(q=q, locale="vi", page=page, page_size=page_size)
    return ProcedureSearch(params).search(engine)


def _codes(results) -> list[str]:
    return [hit.code for hit in results.results]


def _best_key(q: str) -> str:
    params = SearchParams(q=q, locale="vi")
    return query_cache.query_key("best", documents.alias_name("vi"), params)


def test_a_repeated_search_and_its_next_page_skip_the_probe(engine):
    first = _search(engine, "giay phep")
    assert engine.probes == 1 and len(engine.bodies) == 2
    assert first.count > 5  # there is a page 2

    again = _search(engine, "giay phep")
    assert engine.probes == 1 and len(engine.bodies) == 3
    assert _codes(again) == _codes(first) and again.count == first.count
    assert "aggs" not in engine.bodies[-1]  # the facet counts were kept too
    assert again.facets == first.facets

    second_page = _search(engine, "giay phep", page=2)
    assert engine.probes == 1 and len(engine.bodies) == 4
    assert second_page.count == first.count
    assert not set(_codes(second_page)) & set(_codes(first))


def test_nothing_found_is_remembered_too(engine):
    assert _search(engine, "giá vàng hôm nay").count == 0
    sent = len(engine.bodies)
    assert sent >= 1
    assert _search(engine, "giá vàng hôm nay").count == 0
    assert len(engine.bodies) == sent


@pytest.mark.parametrize("factor", [10.0, 0.1, 0.9999])
def test_a_wrong_remembered_best_score_never_changes_the_answer(engine, factor):
    """What a worker would remember after another process changed the catalogue
    (process-memory caches are not told): too high, too low, slightly off."""
    truth = _search(engine, "cap giay phep", page_size=20)
    best = caches["local"].get(_best_key("cap giay phep"))[1]
    caches["local"].clear()
    query_cache.put(_best_key("cap giay phep"), (False, best * factor))

    answer = _search(engine, "cap giay phep", page_size=20)
    assert _codes(answer) == _codes(truth) and answer.count == truth.count
    # The corrected score is remembered for the next search.
    remembered = caches["local"].get(_best_key("cap giay phep"))[1]
    assert remembered == pytest.approx(best, rel=1e-5)


def test_a_write_to_the_index_forgets_what_was_remembered(
    engine, django_capture_on_commit_callbacks
):
    indexing.rebuild(engine.engine)
    signals.forget_scheduled()
    before = _search(engine, "khai sinh")
    assert engine.probes == 1

    page = ProcedurePage.objects.get(code="1.001193", locale__language_code="vi")
    page.title = "Đăng ký khai sinh lưu động"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    engine.engine.refresh(documents.alias_name("vi"))

    after = _search(engine, "khai sinh lưu động")
    assert engine.probes == 2
    assert _codes(after)[0] == "1.001193"
    again = _search(engine, "khai sinh")  # the same words as before the change
    assert engine.probes == 3
    assert "1.001193" in _codes(again) and "1.001193" in _codes(before)
