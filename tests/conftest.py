"""Fixtures shared by the whole suite."""

import os

import pytest
from django.core.cache import caches
from hypothesis import HealthCheck, settings


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with empty caches: no menu, banner or rate-limit count
    cached by one test may leak into the next."""
    for alias in ("default", "local"):
        caches[alias].clear()
    yield


# Generated-input tests (Hypothesis, Schemathesis): bounded and repeatable in
# CI; HYPOTHESIS_PROFILE=fuzz for a long random run on a workstation.
settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
settings.register_profile(
    "fuzz",
    parent=settings.get_profile("ci"),
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "400")),
    derandomize=False,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
