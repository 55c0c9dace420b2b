"""Translations given as definitions of the same shape (catalogue files, the
demo): only texts differ, and the translated snippet keeps the block ids."""

import json
from pathlib import Path

import pytest
from django.utils import translation
from wagtail.models import Locale

from portal.eforms.translation import save_translation, structure_errors
from portal.eforms.validation import definition_errors
from tests.factories.eforms import EFormFactory

DEMO = json.loads(
    (Path(__file__).parents[2] / "demo" / "eforms.json").read_text("utf-8")
)


def block_ids(raw) -> list:
    ids = []
    for block in raw:
        ids.append(block.get("id"))
        value = block.get("value")
        if isinstance(value, dict):
            for key in ("questions", "choices"):
                if isinstance(value.get(key), list):
                    ids += block_ids(value[key])
    return ids


@pytest.mark.parametrize("entry", DEMO["forms"], ids=lambda e: e["vi"]["key"])
def test_demo_forms_are_valid_translations(entry):
    with translation.override("en"):
        assert definition_errors(entry["vi"]) == []
        assert structure_errors(entry["vi"], entry["en"]) == []


@pytest.mark.django_db
@pytest.mark.parametrize("entry", DEMO["forms"], ids=lambda e: e["vi"]["key"])
def test_translation_keeps_ids_and_round_trips(entry):
    source = EFormFactory(definition=entry["vi"])
    assert source.definition == entry["vi"]
    english = Locale.objects.get_or_create(language_code="en")[0]
    translated = save_translation(source, entry["en"], english)
    assert (
        translated.locale == english
        and translated.translation_key == source.translation_key
    )
    assert translated.live and translated.key == source.key
    assert translated.definition == entry["en"]
    assert block_ids(translated.sections.raw_data) == block_ids(
        source.sections.raw_data
    )
    # Updating an existing translation changes it in place.
    changed = json.loads(json.dumps(entry["en"]))
    changed["title"] = "Changed"
    again = save_translation(source, changed, english)
    assert again.pk == translated.pk and again.title == "Changed"


def test_a_translation_must_keep_the_structure():
    entry = DEMO["forms"][0]
    changed = json.loads(json.dumps(entry["en"]))
    changed["sections"][0]["questions"][0]["name"] = "renamed"
    with translation.override("en"):
        assert structure_errors(entry["vi"], changed)


@pytest.mark.django_db
def test_the_procedure_page_names_the_form_in_its_own_language(client):
    """The English procedure page names the English form (the page's e-form
    field is synchronised: it points at the Vietnamese snippet)."""
    from tests.factories.catalogue import ProcedurePageFactory, build_site

    _home, catalogue = build_site()
    entry = DEMO["forms"][0]
    source = EFormFactory(definition=entry["vi"])
    english = Locale.objects.get(language_code="en")
    save_translation(source, entry["en"], english)
    page = ProcedurePageFactory(parent=catalogue, eform=source)
    vietnamese_html = client.get(page.url).content.decode()
    assert entry["vi"]["title"] in vietnamese_html
    english_page = page.copy_for_translation(english, copy_parents=True)
    english_page.save_revision().publish()
    english_html = client.get(english_page.url).content.decode()
    assert entry["en"]["title"] in english_html
    assert entry["vi"]["title"] not in english_html
