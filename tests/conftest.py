"""Fixtures shared by the whole suite: fresh caches, and the people and
dossiers of the back office (two agencies, one user per role), which the
back-office, dossier and transparency tests all use."""

import os

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.factories.backoffice import (
    DossierFactory,
    UserFactory,
    make_centre_staff,
    make_editor,
    make_official,
)
from tests.factories.catalogue import AgencyFactory, SectorFactory


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with empty caches: no menu, banner or rate-limit count
    cached by one test may leak into the next."""
    for alias in ("default", "local"):
        caches[alias].clear()
    # A transactional test's flush recreates content types with new ids;
    # Django's per-process cache would still hand out the old ones.
    ContentType.objects.clear_cache()
    yield


@pytest.fixture
def backoffice_groups(db):
    """The groups the migrations create (again, in case a transactional test
    elsewhere flushed the database)."""
    from django.apps import apps
    from wagtail.models import Locale

    from portal.backoffice.migrations import _groups

    Locale.objects.get_or_create(language_code="vi")
    _groups.create_groups(apps, None)


@pytest.fixture
def agencies(db):
    """(own, other): the official's agency and another one."""
    return AgencyFactory(name="Sở Tư pháp", code_prefix="STP"), AgencyFactory(
        name="Sở Xây dựng", code_prefix="SXD"
    )


@pytest.fixture
def sector(db):
    return SectorFactory(name="Hộ tịch")


@pytest.fixture
def users(agencies, backoffice_groups):
    """One user per role; the official works for the first agency."""
    own, other = agencies
    return {
        "superuser": UserFactory(is_superuser=True, is_staff=True),
        "centre": make_centre_staff(),
        "official": make_official(own),
        "other_official": make_official(other),
        "editor": make_editor(),
    }


@pytest.fixture
def make_dossier(agencies, sector):
    """Build a dossier of the official's agency (pass agency= for another one)."""

    def make(**kwargs):
        kwargs.setdefault("agency", agencies[0])
        kwargs.setdefault("sector", sector)
        return DossierFactory(**kwargs)

    return make


# Generated-input tests (Hypothesis, Schemathesis): bounded and repeatable in
# CI; HYPOTHESIS_PROFILE=fuzz for a long random run on a workstation.
hypothesis_settings.register_profile(
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
hypothesis_settings.register_profile(
    "fuzz",
    parent=hypothesis_settings.get_profile("ci"),
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "400")),
    derandomize=False,
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
