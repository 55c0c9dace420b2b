"""Wagtail's page privacy still holds when routing skips the restriction
query for pages with no restriction on their path (cms_pages BasePage
.get_view_restrictions and portal.page_queries): a restriction on the page
itself or on any ancestor, of either kind, still stops an anonymous reader."""

import pytest
from django.core.cache import caches
from wagtail.models import PageViewRestriction

from tests.factories.catalogue import ProcedurePageFactory

pytestmark = pytest.mark.django_db

SECRET = "mật khẩu 2026"


@pytest.fixture
def procedure(site_tree):
    _home, catalogue = site_tree
    return ProcedurePageFactory(parent=catalogue, steps=2)


def read(client, page):
    caches["local"].clear()  # no fragment kept from an earlier render
    return client.get(page.url)


@pytest.mark.parametrize("where", ["page", "ancestor"])
def test_a_password_on_the_page_or_above_it_asks_for_the_password(
    client, site_tree, procedure, where
):
    assert read(client, procedure).status_code == 200
    protected = procedure if where == "page" else site_tree[1]
    PageViewRestriction.objects.create(
        page=protected,
        restriction_type=PageViewRestriction.PASSWORD,
        password=SECRET,
    )
    response = read(client, procedure)
    html = response.content.decode()
    assert 'type="password"' in html
    for step in procedure.steps.all():
        assert step.text not in html


def test_a_login_restriction_sends_anonymous_readers_to_log_in(
    client, site_tree, procedure
):
    PageViewRestriction.objects.create(
        page=site_tree[1], restriction_type=PageViewRestriction.LOGIN
    )
    response = read(client, procedure)
    assert response.status_code == 302
    assert "login" in response["Location"]
