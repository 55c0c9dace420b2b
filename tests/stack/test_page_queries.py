"""portal.page_queries: public pages and language versions at fixed query cost."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from wagtail.models import Page, PageViewRestriction

from cms_pages.models import HomePage, ProcedureIndexPage
from portal.page_queries import live_versions, public, public_page_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue() -> ProcedureIndexPage:
    call_command("setup_site", stdout=None)
    return ProcedureIndexPage.objects.get(locale__language_code="vi")


def test_public_matches_wagtail_without_the_extra_query(
    catalogue, django_assert_num_queries
) -> None:
    PageViewRestriction.objects.create(page=catalogue, restriction_type="login")
    with django_assert_num_queries(1):
        ours = set(public(Page.objects.all()).values_list("pk", flat=True))
    assert ours == set(Page.objects.live().public().values_list("pk", flat=True))
    assert catalogue.pk not in ours
    assert HomePage.objects.get(locale__language_code="vi").pk in ours


def test_live_versions_cost_one_query_per_request(
    catalogue, django_assert_num_queries
) -> None:
    request = RequestFactory().get("/vi/thu-tuc/")
    with django_assert_num_queries(1):
        versions = live_versions(catalogue, request)
        assert live_versions(catalogue, request) is versions
    assert list(versions) == ["vi", "en"]
    assert versions["en"].translation_key == catalogue.translation_key


@override_settings(PUBLIC_BASE_URL="https://hcc.example.gov.vn")
def test_public_page_url_uses_the_public_base(catalogue) -> None:
    assert public_page_url(catalogue) == "https://hcc.example.gov.vn/vi/thu-tuc/"
