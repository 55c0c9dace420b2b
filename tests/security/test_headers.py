"""Security headers on every response: Content-Security-Policy (strict with a
nonce on public pages, relaxed for the Wagtail admin, report-only switch),
Permissions-Policy, and HSTS with includeSubDomains in production."""

from __future__ import annotations

import importlib
import re

import pytest

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/vi/tra-cuu-ho-so/",
    "/api/procedures/suggest/?q=a",
    "/api/schema/",
    "/vi/khong-co/",
]


def directives(header: str) -> dict[str, list[str]]:
    return {
        part.split()[0]: part.split()[1:]
        for part in (p.strip() for p in header.split(";"))
        if part
    }


@pytest.mark.parametrize("path", PUBLIC)
def test_every_public_response_has_a_strict_policy(client, path):
    response = client.get(path)
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "camera=()" in response["Permissions-Policy"]


def test_the_nonce_in_the_header_is_the_one_templates_get(rf):
    from django.template import engines

    from portal.security.csp import ContentSecurityPolicyMiddleware

    request = rf.get("/vi/")
    middleware = ContentSecurityPolicyMiddleware(lambda r: None)
    middleware.process_request(request)
    html = (
        engines["django"]
        .from_string('<script nonce="{{ request.csp_nonce }}">1</script>')
        .render({"request": request})
    )
    from django.http import HttpResponse

    response = middleware.process_response(request, HttpResponse(html))
    nonce = re.search(r'nonce="([^"]+)"', html).group(1)
    assert (
        f"'nonce-{nonce}'"
        in directives(response["Content-Security-Policy"])["script-src"]
    )


def test_the_admin_keeps_its_inline_scripts_without_a_nonce(client):
    response = client.get("/admin/login/")
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert not any(value.startswith("'nonce-") for value in policy["script-src"])
    assert policy["object-src"] == ["'none'"]


def test_report_only_switch(client, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    response = client.get("/vi/tra-cuu-ho-so/")
    assert "Content-Security-Policy" not in response
    assert "'self'" in response["Content-Security-Policy-Report-Only"]


def test_csp_report_only_environment_variable(monkeypatch):
    import portal.settings.base as base

    monkeypatch.setenv("CSP_REPORT_ONLY", "true")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.CONTENT_SECURITY_POLICY is None
        assert reloaded.CONTENT_SECURITY_POLICY_REPORT_ONLY["DIRECTIVES"]["script-src"]
    finally:
        monkeypatch.undo()
        importlib.reload(base)


def test_production_sends_hsts_with_subdomains(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    import portal.settings.production as production

    try:
        reloaded = importlib.reload(production)
        assert reloaded.SECURE_HSTS_SECONDS >= 31_536_000
        assert reloaded.SECURE_HSTS_INCLUDE_SUBDOMAINS is True
    finally:
        monkeypatch.undo()
        importlib.reload(importlib.import_module("portal.settings.base"))


DATA_BLOCKS = ('type="application/json"', 'type="application/ld+json"')


def test_public_pages_have_no_inline_handlers_or_unnonced_scripts(client):
    from tests.security.conftest import _build_site

    site = _build_site()
    paths = [
        site["home"].url,
        site["catalogue"].url,
        site["procedure"].url,
        site["form_page"].url,
        site["news"].url,
        site["projects"].url,
        "/vi/tra-cuu-ho-so/",
        "/vi/tim-kiem/?q=dang+ky",
        "/vi/thong-ke/",
        "/vi/nop-ho-so/1.004227/",
    ]
    # The form page with errors shows the error summary (focused by page.js).
    pages = [client.get(path) for path in paths]
    waiting = site["waiting"]  # its e-form answers show, masked
    tracked = client.post(
        "/vi/tra-cuu-ho-so/",
        {"code": waiting.code, "verify": waiting.verification_code},
        follow=True,
    )
    assert waiting.code in tracked.content.decode()
    pages.append(tracked)
    pages.append(client.post(site["form_page"].url, {"email": "x"}))
    # E-form wizard pages (eforms.js enhances conditions and communes), one
    # with a repeating group, and one with its error summary.
    started = client.post("/vi/nop-ho-so/1.004227/")
    base = client.get(started["Location"])["Location"].rsplit("/", 2)[0]
    for step in ("eform-1", "eform-2", "eform-4"):
        pages.append(client.get(f"{base}/{step}/"))
    pages.append(
        client.post(f"{base}/eform-1/", {"dossier_wizard-current_step": "eform-1"})
    )
    for response in pages:
        assert response.status_code == 200, response
        html = response.content.decode()
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), "inline event handler"
        for tag in re.findall(r"<script\b[^>]*>", html):
            allowed = ("src=", "nonce=", *DATA_BLOCKS)
            assert any(mark in tag for mark in allowed), tag
