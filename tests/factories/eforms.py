"""Factories for e-forms and the answers dossiers keep."""

import copy

import factory
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from portal.eforms.models import EForm, FilledForm
from portal.eforms.serialization import sections_stream_data
from tests.eforms.samples import BIRTH
from tests.factories.backoffice import DossierFactory


class EFormFactory(DjangoModelFactory):
    """A published e-form built from a definition (the birth registration by default)."""

    class Meta:
        model = EForm

    class Params:
        definition = factory.LazyFunction(lambda: copy.deepcopy(BIRTH))

    locale = factory.LazyFunction(
        lambda: Locale.objects.get_or_create(language_code="vi")[0]
    )
    key = factory.LazyAttribute(lambda o: o.definition.get("key", ""))
    title = factory.LazyAttribute(lambda o: o.definition["title"])
    reference = factory.LazyAttribute(lambda o: o.definition.get("reference", ""))
    signature = factory.LazyAttribute(lambda o: bool(o.definition.get("signature")))
    signature_caption = factory.LazyAttribute(
        lambda o: o.definition.get("signature_caption", "")
    )
    sections = factory.LazyAttribute(lambda o: sections_stream_data(o.definition))


class FilledFormFactory(DjangoModelFactory):
    """The answers of a dossier, with the definition they answer."""

    class Meta:
        model = FilledForm

    class Params:
        source = factory.LazyFunction(lambda: copy.deepcopy(BIRTH))

    dossier = factory.SubFactory(DossierFactory)
    definition = factory.SelfAttribute("source")
    form_key = factory.LazyAttribute(lambda o: o.source.get("key", ""))
    title = factory.LazyAttribute(lambda o: o.source["title"])
    language = "vi"
    answers = factory.Dict({})
