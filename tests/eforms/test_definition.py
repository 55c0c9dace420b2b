"""Form definitions: the rules (validation.py), the snippet ↔ JSON round trip
(serialization.py), and translation with wagtail-localize keeping machine
names, choice values and conditions untouched."""

import json

import pytest
from django.utils import translation
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, TranslationSource

from portal.eforms.definition import condition_holds
from portal.eforms.models import EForm
from portal.eforms.serialization import sections_stream_data
from portal.eforms.validation import definition_errors

from .conftest import make_form
from .samples import BIRTH, BUSINESS, sample


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_samples_are_valid():
    assert definition_errors(BIRTH) == []
    assert definition_errors(BUSINESS) == []


def test_round_trip_through_the_snippet_is_exact(birth_form, business_form):
    assert birth_form.definition == BIRTH
    assert business_form.definition == BUSINESS
    # The key order is fixed too, so exports are byte-identical.
    assert json.dumps(birth_form.definition) == json.dumps(BIRTH)


def test_a_definition_without_optional_keys_gets_its_canonical_form(db):
    definition = {
        "title": "Tờ khai",
        "sections": [
            {
                "title": "A",
                "questions": [
                    {
                        "name": "q",
                        "type": "group",
                        "label": "Q",
                        "questions": [{"name": "x", "type": "text", "label": "X"}],
                    }
                ],
            }
        ],
    }
    form = make_form(definition)
    assert form.key == "to-khai"
    group = form.definition["sections"][0]["questions"][0]
    assert group == {
        "name": "q",
        "type": "group",
        "label": "Q",
        "min": 0,
        "max": 50,
        "questions": [{"name": "x", "type": "text", "label": "X"}],
    }


def errors_for(change) -> list[str]:
    definition = sample(BIRTH)
    change(definition)
    return definition_errors(definition)


def first_section(definition):
    return definition["sections"][0]["questions"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(title=""), "The form needs a title."),
        (lambda d: d.update(sections=[]), "The form needs at least one section."),
        (
            lambda d: first_section(d)[0].update(name="Child Name"),
            "machine name must start with a letter",
        ),
        (
            lambda d: first_section(d)[0].update(name="child__name"),
            "single underscores",
        ),
        (
            lambda d: first_section(d)[1].update(name="child_name"),
            "another question already has this machine name",
        ),
        (
            lambda d: first_section(d)[0].update(type="signature"),
            "unknown type “signature”",
        ),
        (
            lambda d: first_section(d)[1].update(
                choices=[{"value": "a", "label": "A"}]
            ),
            "needs at least two choices",
        ),
        (
            lambda d: first_section(d)[1]["choices"][1].update(value="nam"),
            "is used twice",
        ),
        (
            lambda d: first_section(d)[2].update(max="2020-01-01"),
            "a date limit can only be “today”",
        ),
        (
            lambda d: first_section(d)[0].update(max_length=0),
            "maximum length must be between 1 and 2000",
        ),
        (
            lambda d: first_section(d)[0].update(
                show_if={"question": "has_father", "equals": True}
            ),
            "not a question asked before it",
        ),
        (
            lambda d: first_section(d)[1].update(
                show_if={"question": "child_name", "equals": "x"}
            ),
            "can only depend on a choice or yes/no question",
        ),
        (
            lambda d: d["sections"][1]["questions"][2].update(
                show_if={"question": "has_father", "equals": "maybe"}
            ),
            "equals true or false",
        ),
        (
            lambda d: d["sections"][2]["questions"][1].update(
                show_if={"question": "relation", "equals": "ong"}
            ),
            "“ong” is not one of the choices",
        ),
        (
            lambda d: first_section(d)[0].update(prefill="applicant_birth_date"),
            "cannot be prefilled",
        ),
        (
            lambda d: d["sections"][2]["questions"][2].update(min=20),
            "the minimum is larger than the maximum",
        ),
    ],
)
def test_rules_name_the_question(change, expected):
    errors = errors_for(change)
    assert any(expected in error for error in errors), errors


def test_group_rules():
    definition = sample(BUSINESS)
    group = definition["sections"][1]["questions"][0]
    group["questions"].append(
        {"name": "inner", "type": "group", "label": "G", "questions": []}
    )
    group["max"] = 60
    group["questions"][0]["name"] = "contributes"
    errors = definition_errors(definition)
    assert any("cannot hold another group" in error for error in errors)
    assert any("between 1 and 50 items" in error for error in errors)
    assert any(
        "another question already has this machine name" in error for error in errors
    )
    # Inside a group, a question may depend on an earlier one of the same item
    # (the sample's "amount" does) and names may repeat names outside it.
    assert definition_errors(BUSINESS) == []


def test_conditions():
    show_if = {"question": "has_father", "equals": True}
    assert condition_holds(show_if, {"has_father": True})
    assert not condition_holds(show_if, {"has_father": False})
    assert not condition_holds(show_if, {})
    assert condition_holds(
        {"question": "lines", "equals": "4711"}, {"lines": ["5610", "4711"]}
    )
    assert condition_holds(None, {})


def test_the_admin_refuses_an_invalid_form(birth_form):
    from wagtail.blocks.stream_block import StreamBlockValidationError

    data = sections_stream_data(sample(BIRTH))
    data[0]["value"]["questions"][1]["value"]["name"] = "child_name"
    birth_form.sections = data
    block = EForm._meta.get_field("sections").stream_block
    with pytest.raises(StreamBlockValidationError) as raised:
        block.clean(birth_form.sections)
    assert "another question already has this machine name" in str(
        raised.value.non_block_errors
    )


def test_translation_keeps_names_values_and_conditions(birth_form):
    english = Locale.objects.get_or_create(language_code="en")[0]
    source, _created = TranslationSource.get_or_create_from_instance(birth_form)
    segments = list(source.stringsegment_set.select_related("string", "context"))
    strings = {segment.string.data for segment in segments}
    assert "Họ, chữ đệm, tên của trẻ" in strings and "Nam" in strings
    assert not strings & {
        "child_name",
        "nam",
        "has_father",
        "khac",
        "today",
        "applicant",
    }
    for segment in segments:
        if segment.string.data == "Cha":
            StringTranslation.objects.get_or_create(
                translation_of=segment.string,
                locale=english,
                context=segment.context,
                defaults={"data": "Father"},
            )
    source.create_or_update_translation(english, fallback=True)
    translated = birth_form.get_translation(english)
    definition = translated.definition
    assert [q["name"] for q in definition["sections"][1]["questions"]] == [
        "mother",
        "has_father",
        "father",
    ]
    father = definition["sections"][1]["questions"][2]
    assert father["label"] == "Father"
    assert father["show_if"] == {"question": "has_father", "equals": True}
    assert translated.key == birth_form.key
