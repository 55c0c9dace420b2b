"""Where each page type of the public site may be created."""

import pytest
from wagtail.models import Page

from cms_pages.models import (
    ContactPage,
    FormPage,
    HomePage,
    InvestmentGuidePage,
    InvestmentIndexPage,
    InvestmentProjectIndexPage,
    InvestmentProjectPage,
    NewsIndexPage,
    NewsPage,
    ProcedureIndexPage,
    StandardPage,
)
from tests.factories.site import (
    ContactPageFactory,
    InvestmentIndexPageFactory,
    InvestmentProjectIndexPageFactory,
    NewsIndexPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_investment_section_tree(site_tree):
    home, catalogue = site_tree
    assert InvestmentIndexPage.can_create_at(home)
    assert not InvestmentIndexPage.can_create_at(catalogue)
    section = InvestmentIndexPageFactory(parent=home)
    # One investment section per language tree.
    assert not InvestmentIndexPage.can_create_at(home)
    assert InvestmentGuidePage.can_create_at(section)
    assert not InvestmentGuidePage.can_create_at(home)
    assert InvestmentProjectIndexPage.can_create_at(section)
    projects = InvestmentProjectIndexPageFactory(parent=section)
    assert InvestmentProjectPage.can_create_at(projects)
    assert not InvestmentProjectPage.can_create_at(section)
    assert not InvestmentProjectIndexPage.can_create_at(section)  # max one per section
    assert FormPage.can_create_at(section)
    assert set(InvestmentProjectIndexPage.allowed_subpage_models()) == {
        InvestmentProjectPage
    }
    assert InvestmentGuidePage.allowed_subpage_models() == []
    assert InvestmentProjectPage.allowed_subpage_models() == []


def test_content_tree(site_tree):
    home, catalogue = site_tree
    news = NewsIndexPageFactory(parent=home)
    assert NewsPage.can_create_at(news)
    assert not NewsPage.can_create_at(home)
    assert not NewsIndexPage.can_create_at(home)
    contact = ContactPageFactory(parent=home)
    assert not ContactPage.can_create_at(home)
    assert FormPage.can_create_at(contact)
    assert StandardPage.can_create_at(contact)
    assert StandardPage.can_create_at(home)
    assert not StandardPage.can_create_at(catalogue)
    assert not FormPage.can_create_at(catalogue)
    assert not FormPage.can_create_at(news)
    assert set(StandardPage.allowed_subpage_models()) == {StandardPage, FormPage}
    assert FormPage.allowed_subpage_models() == []
    # The catalogue and the home page rules are the catalogue's own.
    assert ProcedureIndexPage in HomePage.allowed_subpage_models()
    assert HomePage.can_create_at(Page.get_first_root_node())
