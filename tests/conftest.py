"""Fixtures shared by the whole suite."""

import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with empty caches: no menu, banner or rate-limit count
    cached by one test may leak into the next."""
    for alias in ("default", "local"):
        caches[alias].clear()
    yield
