"""Fixtures for the e-form tests: saved forms built from the sample definitions."""

import pytest

from tests.dossiers.conftest import site_tree  # noqa: F401 (the wizard's site)
from tests.factories.eforms import EFormFactory

from .samples import BIRTH, BUSINESS, sample


@pytest.fixture(autouse=True)
def _locales(request):
    """Both languages, also after a transactional test flushed the database."""
    if {"db", "transactional_db"} & set(
        request.fixturenames
    ) or request.node.get_closest_marker("django_db"):
        request.getfixturevalue(
            "db"
            if "transactional_db" not in request.fixturenames
            else "transactional_db"
        )
        from wagtail.models import Locale

        Locale.objects.get_or_create(language_code="vi")
        Locale.objects.get_or_create(language_code="en")


def make_form(definition: dict, **extra):
    return EFormFactory(definition=definition, **extra)


@pytest.fixture
def birth_form(db):
    return make_form(sample(BIRTH))


@pytest.fixture
def business_form(db):
    return make_form(sample(BUSINESS))
