"""The one rate limiter: budgets per scope and client, 429 with Retry-After in
the visitor's language (JSON for APIs), counters in the shared cache."""

from __future__ import annotations

import json

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from portal.security.ratelimit import check_rate, rate_for, rate_limited

# The 429 page is rendered with the site's chrome, which reads the database.
pytestmark = pytest.mark.django_db


@rate_limited("feedback", methods=("POST",))
def feedback_view(request):
    return HttpResponse("ok")


@rate_limited("search_api", json=True)
def api_view(request):
    return HttpResponse("ok")


def call(view, method="post", address="203.0.113.9", **extra):
    factory = RequestFactory()
    request = getattr(factory, method)("/", REMOTE_ADDR=address, **extra)
    request.LANGUAGE_CODE = "vi"
    return view(request)


def test_rates_come_from_settings(settings):
    settings.RATE_LIMITS = {"feedback": "3/60"}
    assert rate_for("feedback") == "3/60s"
    assert rate_for("tracking") == "30/600s"


def test_budget_per_client_then_429_with_retry_after(settings):
    settings.RATE_LIMITS = {"feedback": "3/60"}
    with translation.override("vi"):
        answers = [call(feedback_view).status_code for _ in range(4)]
        refused = call(feedback_view)
    assert answers == [200, 200, 200, 429]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Quá nhiều yêu cầu" in refused.content.decode()
    # Another address has its own budget; GET is not limited here.
    assert call(feedback_view, address="198.51.100.1").status_code == 200
    assert call(feedback_view, method="get").status_code == 200


def test_json_endpoints_answer_json(settings):
    settings.RATE_LIMITS = {"search_api": "1/60"}
    with translation.override("en"):
        assert call(api_view, method="get").status_code == 200
        refused = call(api_view, method="get")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert "Too many requests" in json.loads(refused.content)["error"]
    assert refused["Retry-After"]


def test_forwarded_header_does_not_buy_a_new_budget(settings):
    settings.RATE_LIMITS = {"search_api": "2/60"}
    settings.TRUSTED_PROXY_COUNT = 1
    statuses = [
        call(
            api_view,
            method="get",
            address="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.9",
        ).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_check_rate_counts_only_when_asked(settings):
    settings.RATE_LIMITS = {"forms": "1/60"}
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    request.LANGUAGE_CODE = "en"
    for _ in range(3):
        assert check_rate(request, "forms", increment=False) is None
    assert check_rate(request, "forms") is None
    assert check_rate(request, "forms", increment=False) is not None


def test_record_hit_counts_what_check_rate_peeks_at(settings):
    settings.RATE_LIMITS = {"forms": "2/60"}
    from portal.security.ratelimit import record_hit

    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    request.LANGUAGE_CODE = "en"
    for _ in range(2):
        assert check_rate(request, "forms", increment=False) is None
        record_hit(request, "forms")
    assert check_rate(request, "forms", increment=False).status_code == 429
