"""Unpublishing a procedure a guide links to: the editor is told what breaks,
and the guide is flagged on the dashboard."""

import pytest
from django.urls import reverse

from portal.editorial.guides import broken_guides
from tests.factories.catalogue import ProcedurePageFactory
from tests.factories.site import (
    InvestmentGuidePageFactory,
    InvestmentIndexPageFactory,
    journey_body,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide_and_procedures(site_tree):
    home, catalogue = site_tree
    procedures = [
        ProcedurePageFactory(parent=catalogue, title=f"Thủ tục {n}") for n in (1, 2)
    ]
    section = InvestmentIndexPageFactory(parent=home)
    guide = InvestmentGuidePageFactory(
        parent=section, title="Lộ trình đầu tư", body=journey_body(procedures)
    )
    return guide, procedures


def test_unpublish_screen_lists_the_guides_and_what_changes(
    admin_client, guide_and_procedures
):
    guide, procedures = guide_and_procedures
    url = reverse("wagtailadmin_pages:unpublish", args=[procedures[1].pk])
    html = admin_client.get(url).content.decode()
    assert "Lộ trình đầu tư" in html
    assert "Bước 2" in html and "tổng thời gian" in html


def test_dashboard_flags_a_guide_with_a_missing_step(
    admin_client, guide_and_procedures
):
    guide, procedures = guide_and_procedures
    assert broken_guides() == []
    assert "Lộ trình đầu tư" not in admin_client.get("/admin/").content.decode()
    procedures[1].unpublish()
    [broken] = broken_guides()
    assert broken.page.pk == guide.pk and broken.steps == ["Bước 2"]
    html = admin_client.get("/admin/").content.decode()
    assert "Lộ trình đầu tư" in html and "Bước 2" in html
    procedures[0].delete()
    assert broken_guides()[0].steps == ["Bước 1", "Bước 2"]
