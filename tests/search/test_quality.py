"""Search quality for editors: counting without personal data, the report, and
its one-click fixes (synonym, promoted procedure), on the real backends."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale

from cms_pages.models import ProcedurePage
from search import backends, synonyms
from search.models import SearchClick, SearchQueryLog, SearchSynonym

pytestmark = pytest.mark.search
SEARCH = "/api/procedures/search/"
CLICK = "/api/procedures/click/"
REPORT = "/admin/search_quality/"


@pytest.fixture
def site_search(catalogue, db):
    """The database answers (the report does not depend on the backend)."""
    from django.test import override_settings

    with override_settings(ELASTICSEARCH_URL=""):
        backends.reset()
        yield


def test_clicks_are_counted_per_query_and_day_without_personal_data(
    site_search, client
):
    client.get(SEARCH, {"q": "Đăng ký khai sinh"})
    assert (
        client.post(CLICK, {"q": "đăng ký khai sinh", "code": "1.001193"}).status_code
        == 204
    )
    assert (
        client.post(CLICK, {"q": "never searched", "code": "1.001193"}).status_code
        == 204
    )
    log = SearchQueryLog.objects.get(query="đăng ký khai sinh")
    assert (log.searches, log.clicks) == (1, 1)
    assert list(SearchClick.objects.values_list("query", "code", "clicks")) == [
        ("đăng ký khai sinh", "1.001193", 1)
    ]
    stored = {f.name for f in SearchClick._meta.get_fields()}
    assert stored == {"id", "day", "query", "locale", "code", "clicks"}
    assert (
        client.post(CLICK, {"q": "x", "code": "1", "locale": "xx"}).status_code == 400
    )
    assert client.get(CLICK).status_code == 405


def _search(client, q, times=1, clicked=None):
    for _ in range(times):
        client.get(SEARCH, {"q": q})
        if clicked:
            client.post(CLICK, {"q": q, "code": clicked})


def test_the_report_lists_what_fails(site_search, client, admin_client):
    _search(client, "bìa xanh", times=3)  # finds nothing
    _search(client, "khai sinh", times=2, clicked="1.001193")
    _search(client, "doanh nghiep", times=2)  # results, none opened
    page = admin_client.get(REPORT, {"days": 7}).content.decode()
    nothing = page.split("<h2>")[1]
    unopened = page.split("<h2>")[2]
    assert "bìa xanh" in nothing and "khai sinh" not in nothing
    assert "doanh nghiep" in unopened and "khai sinh" not in unopened
    assert "?query=b%C3%ACa%20xanh&amp;locale=vi" in page  # the one-click fixes


def test_add_synonym_from_a_failing_query(site_search, client, admin_client):
    _search(client, "bìa xanh")
    url = "/admin/search_quality/synonym/"
    form = admin_client.get(url, {"query": "bìa xanh", "locale": "vi"})
    assert form.status_code == 200
    response = admin_client.post(
        url, {"query": "bìa xanh", "terms": "giấy chứng nhận quyền sử dụng đất"}
    )
    assert response.status_code == 302
    assert SearchSynonym.objects.filter(terms__startswith="bìa xanh").exists()
    synonyms.invalidate()  # what the on-commit hook does after the save
    found = client.get(SEARCH, {"q": "bìa xanh"}).json()["results"]
    assert found and found[0]["code"] == "1.012805"


def test_promote_a_procedure_shown_without_diacritics_too(
    site_search, admin_client, client
):
    url = "/admin/search_quality/promote/"
    offered = admin_client.get(url, {"query": "giấy phép", "locale": "vi"})
    assert b"1.009995" in offered.content or b"1.009974" in offered.content
    assert (
        admin_client.post(url, {"query": "giấy phép", "code": "nope"}).status_code
        == 200
    )
    response = admin_client.post(url, {"query": "giấy phép", "code": "1.010732"})
    assert response.status_code == 302
    assert SearchPromotion.objects.filter(query=Query.get("giấy phép")).count() == 1
    for typed in ("giấy phép", "giay phep", "GIẤY PHÉP"):
        page = client.get("/vi/tim-kiem/", {"q": typed}).content.decode()
        assert 'class="card card--promoted"' in page, typed


def test_promoted_description_is_never_vietnamese_on_the_english_site(
    site_search, client
):
    vi_page = ProcedurePage.objects.get(code="1.010732", locale=Locale.get_default())
    en_page = vi_page.get_translation(Locale.objects.get(language_code="en"))
    en_page.search_description = "Apply for the environmental permit online."
    en_page.save_revision().publish()
    SearchPromotion.objects.create(
        query=Query.get("giấy phép"),
        page=vi_page,
        sort_order=0,
        description="Nộp hồ sơ trực tuyến.",
    )
    vi = client.get("/vi/tim-kiem/", {"q": "giay phep"}).content.decode()
    en = client.get("/en/tim-kiem/", {"q": "giay phep"}).content.decode()
    assert "Nộp hồ sơ trực tuyến." in vi
    assert "Nộp hồ sơ trực tuyến." not in en
    assert "Apply for the environmental permit online." in en


def test_the_report_needs_permission(site_search, client):
    user = get_user_model().objects.create_user("reader", password="x")  # noqa: S106
    client.force_login(user)
    assert client.get(REPORT).status_code in (302, 403)
