"""The investor roadmap: facts and the indicative total come from the linked procedures."""

from decimal import Decimal

import pytest
from django.utils import translation

from cms_pages.journeys import (
    journey_steps,
    localized_procedures,
    working_days_to_months,
)
from cms_pages.roadmap import plan_range, plan_steps
from demo.site import translate_page
from tests.factories.site import (
    InvestmentGuidePageFactory,
    InvestmentIndexPageFactory,
    journey_body,
)

pytestmark = pytest.mark.django_db


def test_total_of_required_steps_is_their_sum(roadmap_procedures):
    steps = journey_steps(
        [{"title": p.title, "procedure": p} for p in roadmap_procedures]
    )
    values = [{"title": step.title} for step in steps]
    assert plan_range(plan_steps(steps, values)).longest.days == Decimal("130.5")
    assert working_days_to_months(Decimal(132)) == Decimal("6.0")


def test_total_follows_an_edited_procedure(roadmap_procedures):
    first = roadmap_procedures[0]
    first.processing_time_days = Decimal(45)
    first.save_revision().publish()
    values = [{"title": "1", "procedure": first}, {"title": "2", "procedure": None}]
    steps = journey_steps(values)
    assert plan_range(plan_steps(steps, values)).shortest.days == Decimal(45)
    assert steps[1].procedure is None


@pytest.mark.smoke
def test_guide_page_shows_time_fee_agency_and_total(
    client, site_tree, roadmap_procedures
):
    home, _catalogue = site_tree
    section = InvestmentIndexPageFactory(parent=home)
    guide = InvestmentGuidePageFactory(
        parent=section, body=journey_body(roadmap_procedures)
    )
    response = client.get(guide.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tổng thời gian dự kiến" in html
    assert "130,5 ngày làm việc" in html or "130.5 ngày làm việc" in html
    for procedure in roadmap_procedures:
        assert procedure.url in html
        assert procedure.agency.name in html
    assert "50.000 đ" in html
    assert "35 ngày làm việc" in html


def test_english_guide_links_english_procedures(
    client, site_tree, en, home_en, roadmap_procedures
):
    home, _catalogue = site_tree
    section = InvestmentIndexPageFactory(parent=home)
    guide = InvestmentGuidePageFactory(
        parent=section, body=journey_body(roadmap_procedures[:2])
    )
    first_en = translate_page(
        roadmap_procedures[0], en, title="Investment policy approval"
    )
    guide_en = translate_page(guide, en, title="Investor roadmap")
    with translation.override("en"):
        found = localized_procedures(roadmap_procedures[:2])
    assert found[str(first_en.translation_key)].pk == first_en.pk
    # Not translated: the Vietnamese page stays in the journey.
    assert (
        found[str(roadmap_procedures[1].translation_key)].pk == roadmap_procedures[1].pk
    )
    response = client.get(guide_en.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert first_en.url in html and "Investment policy approval" in html
    assert "Indicative total time" in html and "50 working days" in html


def test_journey_query_count(
    client, site_tree, roadmap_procedures, django_assert_max_num_queries
):
    home, _catalogue = site_tree
    section = InvestmentIndexPageFactory(parent=home)
    guide = InvestmentGuidePageFactory(
        parent=section, body=journey_body(roadmap_procedures)
    )
    client.get(guide.url)  # warm caches (site, locales)
    with django_assert_max_num_queries(40):
        assert client.get(guide.url).status_code == 200
