"""`manage.py setup_site`: the bare site, idempotent, no demo content."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Locale, Page, Site

from cms_pages.models import (
    CentreSettings,
    HomePage,
    InvestmentIndexPage,
    ProcedureIndexPage,
    ProcedurePage,
)

pytestmark = pytest.mark.django_db


def run() -> str:
    out = io.StringIO()
    call_command("setup_site", stdout=out)
    return out.getvalue()


@override_settings(PUBLIC_BASE_URL="https://hanhchinhcong.example.gov.vn")
def test_creates_the_bare_site_in_both_languages(client) -> None:
    run()
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"vi", "en"}
    for model in (HomePage, ProcedureIndexPage, InvestmentIndexPage):
        pages = model.objects.live()
        assert sorted(pages.values_list("locale__language_code", flat=True)) == [
            "en",
            "vi",
        ], model
        vi, en = (
            pages.get(locale__language_code="vi"),
            pages.get(locale__language_code="en"),
        )
        assert vi.translation_key == en.translation_key
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("hanhchinhcong.example.gov.vn", 443)
    assert site.root_page.specific.locale.language_code == "vi"
    assert CentreSettings.objects.filter(site=site).exists()
    # No demo procedures, accounts or dossiers.
    assert not ProcedurePage.objects.exists()
    assert not get_user_model().objects.exists()
    assert client.get("/vi/thu-tuc/").status_code == 200
    assert client.get("/en/").status_code == 200


def test_is_idempotent() -> None:
    first = run()
    pages = Page.objects.count()
    second = run()
    assert "Created" in first and "Created" not in second
    assert Page.objects.count() == pages


def test_main_menu_links_the_application_views(client) -> None:
    run()
    home = client.get("/vi/").content.decode()
    for path in (
        "/vi/tim-kiem/",
        "/vi/tra-cuu-ho-so/",
        "/vi/thong-ke/",
        "/vi/thu-tuc/",
    ):
        assert f'href="{path}"' in home, path
    english = client.get("/en/").content.decode()
    assert 'href="/en/tim-kiem/"' in english and "Track a dossier" in english
