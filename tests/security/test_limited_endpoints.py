"""Every limited endpoint answers 429 with Retry-After once its budget is
spent: a page in the visitor's language, JSON for APIs. Statistics months are
bounded so the ends of the calendar cannot overflow."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def spend(client, method, path, data, times):
    return [getattr(client, method)(path, data).status_code for _ in range(times)]


@pytest.fixture
def tight(settings):
    settings.RATE_LIMITS = {
        "tracking": "2/600",
        "feedback": "2/600",
        "dossier_start": "2/600",
        "search_api": "2/60",
        "questions": "2/600",
    }


@pytest.mark.parametrize(
    ("method", "path", "data", "is_json"),
    [
        ("get", "/vi/tra-cuu-ho-so/", {"code": "HS-1", "verify": "ABCDEFGH"}, False),
        ("get", "/api/dossiers/HS-1/status/", {"verify": "ABCDEFGH"}, True),
        (
            "get",
            "/vi/tra-cuu-ho-so/bo-sung/",
            {"code": "HS-1", "verify": "ABCDEFGH"},
            False,
        ),
        (
            "get",
            "/vi/tra-cuu-ho-so/danh-gia/",
            {"code": "HS-1", "verify": "ABCDEFGH"},
            False,
        ),
        ("post", "/vi/y-kien-trang/", {"page": "1", "helpful": "yes"}, False),
        ("post", "/vi/nop-ho-so/1.004227/", {}, False),
        ("get", "/api/procedures/search/", {"q": "a"}, True),
        ("get", "/api/procedures/suggest/", {"q": "a"}, True),
        ("get", "/api/administrative-units/", {"province": "1"}, True),
        ("post", "/vi/hoi-dap/theo-doi/", {"reference": "HD-1", "verify": "X"}, False),
        ("post", "/vi/hoi-dap/dat-cau-hoi/", {"subject": "Hỏi"}, False),
    ],
)
def test_429_with_retry_after(client, tight, method, path, data, is_json):
    first = spend(client, method, path, data, 2)
    assert 429 not in first
    refused = getattr(client, method)(path, data)
    assert refused.status_code == 429, path
    assert int(refused["Retry-After"]) >= 1
    if is_json:
        assert refused["Content-Type"].startswith("application/json")
        assert "Quá nhiều yêu cầu" in refused.json()["error"]
    else:
        assert "Quá nhiều yêu cầu" in refused.content.decode()


def test_tracking_lookups_share_one_budget(client, tight):
    client.get("/vi/tra-cuu-ho-so/", {"code": "HS-1", "verify": "ABCDEFGH"})
    client.get("/api/dossiers/HS-1/status/", {"verify": "ABCDEFGH"})
    assert (
        client.get(
            "/vi/tra-cuu-ho-so/danh-gia/", {"code": "HS-1", "verify": "ABCDEFGH"}
        ).status_code
        == 429
    )


@pytest.mark.parametrize(
    "query",
    [
        {"to": "9999-12"},
        {"from": "0001-01"},
        {"to": "0001-01"},
        {"from": "0000-01"},
        {"to": "١٢٣٤-01"},
    ],
)
def test_statistics_months_are_bounded(client, query):
    api = client.get("/api/statistics/", query)
    assert api.status_code == 400 and api.json()["error"]
    page = client.get("/vi/thong-ke/", query)
    assert page.status_code == 200
