"""portal.cache_control: what the front cache may keep, decided per answer."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from portal.cache_control import FrontCacheMiddleware

pytestmark = pytest.mark.django_db


@pytest.fixture
def site() -> None:
    call_command("setup_site", stdout=None)


def public(response) -> bool:
    control = response.headers.get("Cache-Control", "")
    return "public" in control and "s-maxage=" in control


@override_settings(FRONTEND_CACHE_SECONDS=123)
def test_anonymous_page_is_public_without_cookies(client, site) -> None:
    response = client.get("/vi/")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=0, s-maxage=123"
    assert not response.cookies
    assert "cookie" not in response.headers.get("Vary", "").lower()


def test_logged_in_visitors_are_never_cached(admin_client, site) -> None:
    response = admin_client.get("/vi/")
    assert response.status_code == 200
    assert not public(response)
    assert "private" in response.headers["Cache-Control"]


@pytest.mark.parametrize("path", ["/admin/login/", "/vi/tra-cuu-ho-so/"])
def test_admin_and_tracking_are_never_cached(client, site, path) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]


def test_a_session_cookie_makes_any_answer_private(client, site) -> None:
    client.cookies["sessionid"] = "whatever"
    assert not public(client.get("/vi/"))


def view(request):
    return HttpResponse("ok")


def cookie_view(request):
    response = HttpResponse("ok")
    response.set_cookie("csrftoken", "x")
    return response


def through_middleware(view_function, seconds=None, method="get", **extra):
    """The answer of `view_function` after the middleware; `seconds` is what
    the page hook or CACHEABLE_VIEWS would allow."""
    request = getattr(RequestFactory(), method)("/", **extra)
    if seconds:
        request.front_cache_seconds = seconds
    return FrontCacheMiddleware(view_function)(request)


def test_answers_opt_in_and_cookies_opt_out() -> None:
    assert "no-store" in through_middleware(view).headers["Cache-Control"]
    assert public(through_middleware(view, 60))
    # A view that renders a CSRF token sets the cookie: never shared.
    assert not public(through_middleware(cookie_view, 60))
    assert not public(through_middleware(view, 60, method="post"))
    assert not public(through_middleware(view, 60, HTTP_AUTHORIZATION="Basic eDp5"))


def test_a_view_that_sets_its_own_cache_control_is_left_alone() -> None:
    def own(request):
        response = HttpResponse("ok")
        response.headers["Cache-Control"] = "public, max-age=5"
        return response

    assert through_middleware(own).headers["Cache-Control"] == "public, max-age=5"


@pytest.mark.parametrize(
    ("path", "seconds"),
    [("/vi/tim-kiem/?q=khai+sinh", 300), ("/sitemap.xml", 300), ("/vi/thong-ke/", 60)],
)
def test_listed_application_views_are_public(client, site, path, seconds) -> None:
    with override_settings(FRONTEND_CACHE_SECONDS=300):
        response = client.get(path)
    assert response.status_code == 200
    assert f"s-maxage={seconds}" in response.headers["Cache-Control"], response.headers
