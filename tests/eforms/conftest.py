"""Fixtures for the e-form tests: saved forms built from the sample definitions."""

import pytest

from tests.factories.eforms import EFormFactory

from .samples import BIRTH, BUSINESS, sample


def make_form(definition: dict, **extra):
    return EFormFactory(definition=definition, **extra)


@pytest.fixture
def birth_form(db):
    return make_form(sample(BIRTH))


@pytest.fixture
def business_form(db):
    return make_form(sample(BUSINESS))
