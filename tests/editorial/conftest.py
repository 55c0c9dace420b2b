"""Fixtures for the editors' tests: a bilingual site and admin users."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from tests.factories.catalogue import build_site


@pytest.fixture
def site_tree(db):
    """(home, catalogue) in Vietnamese, the default site's root; English locale exists."""
    return build_site()


@pytest.fixture
def en(site_tree) -> Locale:
    return Locale.objects.get(language_code="en")


@pytest.fixture
def home_en(site_tree, en):
    home, _catalogue = site_tree
    page = home.copy_for_translation(en)
    page.title = "Home"
    page.save_revision().publish()
    return page


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        "quantri", "quantri@example.vn", "x"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
