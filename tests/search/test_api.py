"""The search API contract (CONTRACTS.md), on the cluster and on the database fallback."""

import pytest

pytestmark = pytest.mark.search
SEARCH = "/api/procedures/search/"
SUGGEST = "/api/procedures/suggest/"


def test_search_answer_has_the_contract_shape(backend, client):
    response = client.get(SEARCH, {"q": "dang ky kinh doanh", "locale": "vi"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["backend"] == backend
    assert data["query"] == "dang ky kinh doanh"
    assert (data["page"], data["page_size"]) == (1, 20)
    assert data["count"] >= 3
    assert set(data["facets"]) == {"sector", "agency", "level", "online_service"}
    first = data["results"][0]
    assert set(first) >= {
        "code",
        "name",
        "url",
        "sector",
        "agency",
        "level",
        "online_service",
        "processing_time_days",
        "highlight",
    }
    assert first["url"].startswith("http") and "/vi/" in first["url"]
    assert any("<mark>" in hit["highlight"] for hit in data["results"])


def test_no_diacritics_finds_the_vietnamese_name_first(backend, client):
    data = client.get(SEARCH, {"q": "dang ky khai sinh"}).json()
    assert data["results"][0]["code"] == "1.001193"


def test_d_with_stroke_folds_to_d(backend, client):
    # "đổi" typed as "doi": asciifolding must map đ to d.
    data = client.get(SEARCH, {"q": "doi bang lai xe"}).json()
    assert data["results"][0]["code"] == "1.012912"


def test_code_and_partial_code(backend, client):
    assert (
        client.get(SEARCH, {"q": "1.009645"}).json()["results"][0]["code"] == "1.009645"
    )
    assert (
        client.get(SEARCH, {"q": "009645"}).json()["results"][0]["code"] == "1.009645"
    )


def test_nonsense_finds_nothing(backend, client):
    data = client.get(SEARCH, {"q": "xyzzy qwerty 12345"}).json()
    assert data["count"] == 0 and data["results"] == []


def test_blank_query_lists_the_catalogue_by_name_filtered(backend, client):
    data = client.get(SEARCH, {"q": " ", "level": "commune", "page_size": 100}).json()
    assert data["count"] > 0
    assert {hit["level"] for hit in data["results"]} == {"commune"}
    everything = client.get(SEARCH, {"page_size": 100}).json()
    assert everything["count"] == 45


def test_facet_filters_and_counts(backend, client):
    data = client.get(SEARCH, {"q": "giay phep"}).json()
    sector = data["facets"]["sector"][0]
    assert sector["count"] >= 1 and sector["value"] and sector["label"]
    filtered = client.get(SEARCH, {"q": "giay phep", "sector": sector["value"]}).json()
    assert filtered["count"] == sector["count"]
    # A facet's own counts ignore its own filter, so other values stay visible.
    assert len(filtered["facets"]["sector"]) == len(data["facets"]["sector"])
    levels = {e["value"] for e in data["facets"]["level"]}
    both = client.get(
        SEARCH, [("q", "giay phep")] + [("level", v) for v in levels]
    ).json()
    assert both["count"] == data["count"]


def test_pagination(backend, client):
    first = client.get(SEARCH, {"page_size": 10, "page": 1}).json()
    second = client.get(SEARCH, {"page_size": 10, "page": 2}).json()
    assert len(first["results"]) == 10 and len(second["results"]) == 10
    assert not {h["code"] for h in first["results"]} & {
        h["code"] for h in second["results"]
    }
    beyond = client.get(SEARCH, {"page_size": 10, "page": 99}).json()
    assert beyond["results"] == [] and beyond["count"] == 45


@pytest.mark.parametrize(
    "params",
    [
        {"page": 0},
        {"page": "x"},
        {"page_size": 101},
        {"page_size": 0},
        {"level": "galaxy"},
        {"online_service": "maybe"},
        {"locale": "fr"},
        {"q": "x" * 201},
    ],
)
def test_bad_parameters_give_400_json(backend, client, params):
    response = client.get(SEARCH, params)
    assert response.status_code == 400
    assert response.json()["error"]


def test_english_locale_searches_english_text(backend, client):
    data = client.get(SEARCH, {"q": "birth registration", "locale": "en"}).json()
    assert data["results"][0]["code"] == "1.001193"
    assert (
        data["results"][0]["name"] == "Birth registration"
        or "birth" in data["results"][0]["name"].lower()
    )


def test_suggest(backend, client):
    data = client.get(SUGGEST, {"q": "giấy phép môi tr", "locale": "vi"}).json()
    assert data["suggestions"][0]["code"] == "1.010732"
    assert set(data["suggestions"][0]) == {"code", "name", "url"}
    assert len(client.get(SUGGEST, {"q": "cap"}).json()["suggestions"]) <= 10
    assert client.get(SUGGEST, {"q": ""}).json()["suggestions"] == []
    assert client.get(SUGGEST, {"q": "x", "locale": "fr"}).status_code == 400


def test_synonym_from_the_editors_list(backend, client):
    from search.models import SearchSynonym

    # A local name the shipped thesaurus does not know.
    before = client.get(SEARCH, {"q": "bìa xanh"}).json()
    assert "1.012805" not in [h["code"] for h in before["results"][:3]]
    SearchSynonym.objects.create(terms="bìa xanh, giấy chứng nhận quyền sử dụng đất")
    from search import synonyms

    synonyms.invalidate()  # what the on-commit hook does after an editor saves
    after = client.get(SEARCH, {"q": "bìa xanh"}).json()
    assert "1.012805" in [h["code"] for h in after["results"][:3]]


def test_procedure_by_code(backend, client):
    response = client.get("/api/procedures/2.001612/", {"locale": "vi"})
    assert response.status_code == 200
    data = response.json()
    assert data["code"] == "2.001612" and data["name"] == "Đăng ký doanh nghiệp tư nhân"
    assert data["documents"] and data["steps"] and data["url"].endswith("/")
    assert client.get("/api/procedures/9.999999/").status_code == 404


def test_query_log_has_no_personal_data(backend, client):
    from search.models import SearchQueryLog

    client.get(SEARCH, {"q": "CCCD 012345678901 cua toi"}, REMOTE_ADDR="10.1.2.3")
    client.get(SEARCH, {"q": "cccd  012345678901 cua toi"})
    row = SearchQueryLog.objects.get(query__startswith="cccd")
    assert row.searches == 2
    assert "012345678901" not in row.query
    assert not any(
        "10.1.2.3" in str(getattr(row, f.name)) for f in SearchQueryLog._meta.fields
    )


def test_search_page_renders_results_facets_and_highlight(backend, client):
    response = client.get("/vi/tim-kiem/", {"q": "dang ky khai sinh"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đăng ký khai sinh" in html and "<mark>" in html
    assert 'type="checkbox"' in html and 'name="sector"' in html
    assert 'data-suggest-url="/api/procedures/suggest/"' in html


def test_search_page_empty_state_and_bad_input(backend, client):
    html = client.get("/vi/tim-kiem/", {"q": "xyzzy qwerty"}).content.decode()
    assert (
        "xyzzy qwerty" in html and "1.001193" in html
    )  # the hint shows an example code
    response = client.get("/en/tim-kiem/", {"q": "birth", "page": "0"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()


def test_did_you_mean_on_a_typo(backend, client):
    response = client.get("/vi/tim-kiem/", {"q": "thuong tru hoo khau"})
    assert response.status_code == 200
    data = client.get(SEARCH, {"q": "chung thuk ban sao"}).json()
    assert data["suggestion"] and "chung thuc" in data["suggestion"], data


def test_server_timing_says_where_the_time_went(backend, client):
    response = client.get(SEARCH, {"q": "dang ky khai sinh"})
    names = {
        part.split(";")[0].strip() for part in response["Server-Timing"].split(",")
    }
    assert {"search", "cpu"} <= names
    assert ("engine" in names) == (backend != "database")
