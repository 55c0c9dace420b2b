"""The back-office tests run with the groups the migrations create and empty
caches (cached procedure summaries must not leak between tests); agencies,
users per role and `make_dossier` come from tests/conftest.py."""

import pytest


@pytest.fixture(autouse=True)
def clear_cache():
    """Cached figures (procedure summaries) must not leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _groups(backoffice_groups):
    """Every back-office test sees the officials' groups."""
