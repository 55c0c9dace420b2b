"""Generated hostile input for every public GET endpoint: no answer is a 5xx.

Each endpoint is tried with hostile values for each of its parameters (and an
unexpected one), with raw bytes that are not UTF-8 in the query string, and
with hostile path segments where the URL carries a code or token. Example
counts are bounded by the Hypothesis profile (tests/conftest.py).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import assert_answered, reset_limits, send
from .hostile import hostile_query, hostile_text, path_segment, raw_query

FILTERS = ["q", "sector", "agency", "level", "online_service", "page", "page_size"]
TRACKING = ["code", "verify"]
QUESTION_FILTERS = ["sector", "agency", "procedure", "page", "page_size"]

# (name, URL from the site fixture, parameters the view reads)
GET_ENDPOINTS = [
    ("home", lambda s: s["home"].url, ["untranslated", "feedback"]),
    ("catalogue", lambda s: s["catalogue"].url, FILTERS),
    ("procedure", lambda s: s["procedure"].url, ["feedback"]),
    ("news", lambda s: s["news"].url, ["kind", "page"]),
    ("projects", lambda s: s["projects"].url, ["sector", "location", "status"]),
    ("form_page", lambda s: s["form_page"].url, []),
    ("standard", lambda s: s["standard"].url, ["feedback"]),
    ("search_page", lambda s: "/vi/tim-kiem/", [*FILTERS, "locale"]),
    ("search_page_en", lambda s: "/en/tim-kiem/", FILTERS),
    ("tracking", lambda s: "/vi/tra-cuu-ho-so/", TRACKING),
    ("supplement", lambda s: "/vi/tra-cuu-ho-so/bo-sung/", TRACKING),
    ("rating", lambda s: "/vi/tra-cuu-ho-so/danh-gia/", TRACKING),
    ("statistics_page", lambda s: "/vi/thong-ke/", ["group_by", "from", "to"]),
    (
        "statistics_api",
        lambda s: "/api/statistics/",
        ["group_by", "from", "to", "format"],
    ),
    ("search_api", lambda s: "/api/procedures/search/", [*FILTERS, "locale"]),
    ("suggest_api", lambda s: "/api/procedures/suggest/", ["q", "locale"]),
    ("procedure_api", lambda s: "/api/procedures/1.004227/", ["locale"]),
    (
        "status_api",
        lambda s: f"/api/dossiers/{s['waiting'].code}/status/",
        ["verify", "lang"],
    ),
    ("start", lambda s: "/vi/nop-ho-so/1.004227/", []),
    (
        "administrative_units_api",
        lambda s: "/api/administrative-units/",
        ["province"],
    ),
    ("questions_index", lambda s: "/vi/hoi-dap/", QUESTION_FILTERS),
    ("questions_api", lambda s: "/api/questions/", QUESTION_FILTERS),
    ("question", lambda s: f"/en/hoi-dap/{s['question'].pk}/", ["page"]),
    ("ask", lambda s: "/vi/hoi-dap/dat-cau-hoi/", ["procedure", "topic"]),
    ("follow_question", lambda s: "/vi/hoi-dap/theo-doi/", ["reference"]),
    ("sitemap", lambda s: "/sitemap.xml", ["p"]),
    ("schema", lambda s: "/api/schema/", ["format"]),
]

# (name, URL template with {} for one hostile path segment)
PATH_ENDPOINTS = [
    ("procedure_api", "/api/procedures/{}/"),
    ("status_api", "/api/dossiers/{}/status/?verify=ABCD1234"),
    ("start", "/vi/nop-ho-so/{}/"),
    ("resume", "/vi/nop-ho-so/tiep-tuc/{}/"),
    ("receipt", "/vi/nop-ho-so/bien-nhan/{}/"),
    ("receipt_pdf", "/vi/nop-ho-so/bien-nhan/{}/pdf/"),
    ("declaration_pdf", "/vi/nop-ho-so/bien-nhan/{}/to-khai/"),
    ("wizard", "/vi/nop-ho-so/1.004227/{}/"),
    ("page", "/vi/{}/"),
    ("catalogue_child", "/vi/thu-tuc/{}/"),
    ("language", "/{}/thu-tuc/"),
    ("question", "/vi/hoi-dap/{}/"),
    ("question_file", "/vi/hoi-dap/1/tep/{}/"),
    ("question_confirmation", "/vi/hoi-dap/da-gui/{}/"),
    ("question_status", "/vi/hoi-dap/theo-doi/{}/"),
]


@pytest.mark.parametrize(
    ("name", "url", "params"), GET_ENDPOINTS, ids=[e[0] for e in GET_ENDPOINTS]
)
@given(data=st.data())
def test_hostile_query_parameters(site, visitor, name, url, params, data):
    path = url(site)
    query = data.draw(hostile_query(params or ["q"]), label="query")
    reset_limits()
    response = send(visitor, "get", path, query)
    assert_answered(response, f"GET {path} {query!r}")


@pytest.mark.parametrize(
    ("name", "url", "params"), GET_ENDPOINTS, ids=[e[0] for e in GET_ENDPOINTS]
)
@given(raw=raw_query)
def test_query_bytes_that_are_not_utf8(site, visitor, name, url, params, raw):
    path = url(site)
    reset_limits()
    response = send(visitor, "get", path, QUERY_STRING=raw)
    assert_answered(response, f"GET {path}?{raw}")


@pytest.mark.parametrize(
    ("name", "template"), PATH_ENDPOINTS, ids=[e[0] for e in PATH_ENDPOINTS]
)
@given(value=hostile_text)
def test_hostile_path_segments(site, visitor, name, template, value):
    url = template.format(path_segment(value))
    path, _, query = url.partition("?")
    reset_limits()
    response = send(visitor, "get", path, QUERY_STRING=query)
    assert_answered(response, f"GET {url}")


@pytest.mark.parametrize(
    "header",
    ["HTTP_X_FORWARDED_FOR", "HTTP_ACCEPT_LANGUAGE", "HTTP_REFERER", "HTTP_USER_AGENT"],
)
@given(value=hostile_text)
def test_hostile_headers(site, visitor, header, value):
    reset_limits()
    response = send(
        visitor,
        "get",
        "/vi/tra-cuu-ho-so/",
        {"code": site["waiting"].code, "verify": "ABCDEFGH"},
        **{header: value},
    )
    assert_answered(response, f"GET tracking with {header}={value!r}")
