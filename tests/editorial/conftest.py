"""Fixtures for the editors' tests: the bilingual site of tests/site, and an
administrator."""

import pytest
from django.contrib.auth import get_user_model

from tests.site.conftest import en, home_en, site_tree  # noqa: F401 - shared fixtures


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        "quantri", "quantri@example.vn", "x"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
