"""PUBLIC_BASE_URL is the one base of every absolute URL that leaves the site."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.test import override_settings

from portal.dossiers.public_status import tracking_url
from tests.factories.catalogue import ProcedurePageFactory
from tests.stack.services import REPO

BASE = "https://hcc.example.gov.vn:8443"


@pytest.fixture
def procedure(db):
    call_command("setup_site", stdout=None)
    from cms_pages.models import ProcedureIndexPage

    catalogue = ProcedureIndexPage.objects.get(locale__language_code="vi")
    return ProcedurePageFactory(parent=catalogue)


@override_settings(PUBLIC_BASE_URL=BASE)
def test_pages_sitemap_robots_and_api_use_it(client, procedure) -> None:
    html = client.get(procedure.url).content.decode()
    assert f'<link rel="canonical" href="{BASE}{procedure.url}">' in html
    assert f'hreflang="vi" href="{BASE}{procedure.url}"' in html
    assert f'"url": "{BASE}{procedure.url}"' in html  # JSON-LD
    assert f"<loc>{BASE}/vi/</loc>" in client.get("/sitemap.xml").content.decode()
    assert f"Sitemap: {BASE}/sitemap.xml" in client.get("/robots.txt").content.decode()
    record = client.get(f"/api/procedures/{procedure.code}/").json()
    assert record["url"] == f"{BASE}{procedure.url}"
    # Links between pages stay relative.
    assert 'href="/vi/thu-tuc/"' in html and f'href="{BASE}/vi/thu-tuc/"' not in html


@pytest.mark.django_db
@override_settings(PUBLIC_BASE_URL=BASE)
def test_tracking_links_in_emails_and_receipts_use_it(procedure) -> None:
    from portal.dossiers.models import DossierDraft
    from portal.dossiers.services import submit_dossier
    from tests.dossiers.test_submission import answers

    draft = DossierDraft.objects.create(procedure=procedure, session_key="x")
    dossier = submit_dossier(draft, answers())
    assert tracking_url(dossier).startswith(f"{BASE}/vi/tra-cuu-ho-so/")


@pytest.mark.parametrize(
    ("port", "expected"),
    [("8811", "http://127.0.0.1:8811"), (None, "http://127.0.0.1:8000")],
)
def test_development_default_follows_port(port, expected) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PUBLIC_BASE_URL", "PORT")}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    if port:
        env["PORT"] = port
    out = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.PUBLIC_BASE_URL)",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == expected
