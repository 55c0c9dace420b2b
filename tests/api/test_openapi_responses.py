"""Real answers of every documented operation validate against the document."""

from __future__ import annotations

from .openapi import assert_matches_schema

SEARCH = "/api/procedures/search/"
SUGGEST = "/api/procedures/suggest/"
CLICK = "/api/procedures/click/"
PROCEDURE = "/api/procedures/{code}/"
STATUS = "/api/dossiers/{code}/status/"
STATISTICS = "/api/statistics/"
UNITS = "/api/administrative-units/"
QUESTIONS = "/api/questions/"


def test_search_answers(api, client):
    for query in (
        {"q": "dang ky kinh doanh"},
        {"q": ""},
        {"q": "khai sinh", "locale": "en", "level": "province", "page_size": 5},
    ):
        response = client.get(SEARCH, query)
        assert response.status_code == 200
        assert_matches_schema(response, SEARCH)
    assert client.get(SEARCH, {"q": "dang ky"}).json()["count"] > 0
    bad = client.get(SEARCH, {"page": 0})
    assert bad.status_code == 400
    assert_matches_schema(bad, SEARCH)


def test_suggest_answers(api, client):
    for query in ({"q": "dang"}, {"q": ""}, {"q": "x" * 101}, {"locale": "fr"}):
        assert_matches_schema(client.get(SUGGEST, query), SUGGEST)
    assert client.get(SUGGEST, {"q": "dang"}).json()["suggestions"]


def test_click_answers(api, client):
    from search.models import SearchClick

    client.get(SEARCH, {"q": "khai sinh"})
    opened = {"q": "khai sinh", "locale": "vi", "code": "1.001193"}
    for data in (opened, {"q": "never searched", "code": "x"}, {}):
        response = client.post(CLICK, data)
        assert response.status_code == 204
        assert_matches_schema(response, CLICK, "post")
    assert SearchClick.objects.filter(code="1.001193").count() == 1
    bad = client.post(CLICK, {"q": "khai sinh", "locale": "fr"})
    assert bad.status_code == 400
    assert_matches_schema(bad, CLICK, "post")


def test_procedure_answers(api, client):
    for code, locale in (("1.001193", "en"), ("2.000720", "vi"), ("1.000894", "vi")):
        response = client.get(f"/api/procedures/{code}/", {"locale": locale})
        assert response.status_code == 200
        assert_matches_schema(response, PROCEDURE)
    # The e-form, with its condition and its repeating group, and one without.
    birth = client.get("/api/procedures/1.001193/").json()["form"]
    assert birth["sections"][1]["questions"][2]["show_if"] == {
        "question": "has_father",
        "equals": True,
    }
    business = client.get("/api/procedures/2.000720/").json()["form"]
    assert business["sections"][1]["questions"][0]["type"] == "group"
    assert client.get("/api/procedures/1.000894/").json()["form"] is None
    for path, query in (
        ("/api/procedures/0.000000/", {}),
        ("/api/procedures/1.001193/", {"locale": "xx"}),
    ):
        response = client.get(path, query)
        assert response.status_code in (400, 404)
        assert_matches_schema(response, PROCEDURE)


def test_dossier_status_answers(api, client):
    dossier = api["dossier"]
    url = f"/api/dossiers/{dossier.code}/status/"
    response = client.get(url, {"verify": dossier.verification_code, "lang": "en"})
    assert response.status_code == 200
    assert_matches_schema(response, STATUS)
    # The e-form answers, masked, a group's items included.
    form = response.json()["form"]
    rows = {row["name"]: row for s in form["sections"] for row in s["answers"]}
    assert rows["members"]["items"] and "evil" not in rows["business_name"]["value"]
    plain = api["plain_dossier"]
    response = client.get(
        f"/api/dossiers/{plain.code}/status/", {"verify": plain.verification_code}
    )
    assert_matches_schema(response, STATUS)
    assert response.json()["form"] is None
    wrong = client.get(url, {"verify": "WRONG123"})
    assert wrong.status_code == 404
    assert_matches_schema(wrong, STATUS)


def test_statistics_answers(api, client):
    for query in (
        {},
        {"group_by": "month", "from": "2026-01", "to": "2026-06"},
        {"group_by": "procedure"},
        {"format": "csv"},
        {"group_by": "nonsense"},
    ):
        assert_matches_schema(client.get(STATISTICS, query), STATISTICS)
    march = {"from": "2026-03", "to": "2026-03"}  # when the factories answer
    figures = client.get(STATISTICS, march).json()["questions"]
    assert figures["total"]["answered"] == 2


def test_questions_answers(api, client):
    for query in (
        {},
        {"procedure": "1.001193"},
        {"sector": "khong-co", "agency": "khong-co", "page": 3, "page_size": 1},
    ):
        response = client.get(QUESTIONS, query)
        assert response.status_code == 200
        assert_matches_schema(response, QUESTIONS)
    results = client.get(QUESTIONS).json()["results"]
    assert {r["procedure"] for r in results} == {"1.001193", None}
    for query in ({"page": 0}, {"page_size": 101}, {"sector": "<b>"}):
        response = client.get(QUESTIONS, query)
        assert response.status_code == 400, query
        assert_matches_schema(response, QUESTIONS)


def test_administrative_units_answers(client, db):
    provinces = client.get(UNITS)
    assert_matches_schema(provinces, UNITS)
    assert len(provinces.json()["provinces"]) == 34
    one = client.get(UNITS, {"province": "1"})
    assert_matches_schema(one, UNITS)
    assert one.json()["province"]["code"] == 1
    for code, status in (("99", 404), ("x", 400), ("²", 400), ("١", 400)):
        response = client.get(UNITS, {"province": code})
        assert response.status_code == status, code
        assert_matches_schema(response, UNITS)


def test_schema_answer(client, db):
    assert_matches_schema(client.get("/api/schema/"), "/api/schema/")
