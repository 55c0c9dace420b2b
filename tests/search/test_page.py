"""The search page (/<lang>/tim-kiem/) on both backends: what a visitor sees."""

import pytest

pytestmark = pytest.mark.search


def test_english_query_finds_a_vietnamese_only_procedure(backend, client):
    """/en/tim-kiem/?q=marriage found nothing and showed an empty Filter box."""
    page = client.get("/en/tim-kiem/", {"q": "marriage"}).content.decode()
    assert "Đăng ký kết hôn" in page
    assert "Vietnamese only" in page
    assert 'class="facets"' in page  # with facets: there are results


def test_no_empty_filter_box_when_nothing_is_found(backend, client):
    page = client.get("/en/tim-kiem/", {"q": "xyzzy qwerty"}).content.decode()
    assert 'class="facets"' not in page
    assert "We could not find a procedure" in page


def test_did_you_mean_only_when_results_are_few(backend, client):
    # A query with plenty of results gets no suggestion ("múa lân" was
    # offered "mua land?" on the English site).
    for locale in ("vi", "en"):
        data = client.get(
            "/api/procedures/search/", {"q": "múa lân", "locale": locale}
        ).json()
        assert data["suggestion"] is None
    typo = client.get("/api/procedures/search/", {"q": "ly lich tu phapp"}).json()
    assert typo["results"][0]["code"] == "2.000488"  # the rescue repairs it
    assert typo["count"] < 3 and typo["suggestion"] == "ly lich tu phap"
    plenty = client.get("/api/procedures/search/", {"q": "giay phepp"}).json()
    assert plenty["count"] >= 3 and plenty["suggestion"] is None


def test_results_carry_what_the_click_counter_needs(backend, client):
    page = client.get("/vi/tim-kiem/", {"q": "khai sinh"}).content.decode()
    assert "data-search-results" in page and 'id="search-result-codes"' in page
    assert '"1.001193"' in page
