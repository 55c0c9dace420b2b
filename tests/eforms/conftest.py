"""Fixtures for the e-form tests: saved forms built from the sample definitions."""

import pytest
from wagtail.models import Locale

from portal.eforms.models import EForm
from portal.eforms.serialization import form_fields, sections_stream_data

from .samples import BIRTH, BUSINESS, sample


def make_form(definition: dict, locale=None, **extra) -> EForm:
    locale = locale or Locale.objects.get_or_create(language_code="vi")[0]
    form = EForm(
        key=definition.get("key", ""),
        locale=locale,
        sections=sections_stream_data(definition),
        **form_fields(definition),
        **extra,
    )
    form.save()
    return EForm.objects.get(pk=form.pk)


@pytest.fixture
def birth_form(db) -> EForm:
    return make_form(sample(BIRTH))


@pytest.fixture
def business_form(db) -> EForm:
    return make_form(sample(BUSINESS))
