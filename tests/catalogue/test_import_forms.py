"""E-forms in the catalogue file: the optional `form` key (CONTRACTS.md shape),
its English translation and `filled_online` documents; import, re-import,
export and the round trip. Files without forms import as before."""

import copy
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale

from cms_pages.models import ProcedurePage
from portal.eforms.models import EForm

from .test_import import _empty_catalogue, run_export, run_import

DEMO_FORMS = json.loads(
    (Path(__file__).parents[2] / "demo" / "eforms.json").read_text("utf-8")
)["forms"]
BIRTH = DEMO_FORMS[0]


def with_form(record: dict, entry: dict = BIRTH) -> dict:
    record = copy.deepcopy(record)
    record["form"] = copy.deepcopy(entry["vi"])
    record["documents"][0]["filled_online"] = True
    record.setdefault("translations", {}).setdefault("en", {})["form"] = copy.deepcopy(
        entry["en"]
    )
    return record


@pytest.fixture
def records(sample_records):
    """Two procedures sharing the birth registration form, one without a form."""
    first, second, third = (copy.deepcopy(sample_records[i]) for i in (0, 1, 3))
    return [with_form(first), with_form(second), third]


def test_forms_are_imported_shared_and_translated(site_tree, records, write_catalogue):
    Locale.objects.get_or_create(language_code="en")
    out, _ = run_import(write_catalogue(records))
    assert out.strip() == "created 3, updated 0, unchanged 0"
    form = EForm.objects.get(locale__language_code="vi")
    assert form.live and form.definition == BIRTH["vi"]
    english = EForm.objects.get(locale__language_code="en")
    assert english.translation_key == form.translation_key
    assert english.definition == BIRTH["en"]
    first = ProcedurePage.objects.get(
        code=records[0]["code"], locale__language_code="vi"
    )
    assert first.eform == form
    assert [d.filled_online for d in first.documents.all()][0] is True
    third = ProcedurePage.objects.get(
        code=records[2]["code"], locale__language_code="vi"
    )
    assert third.eform is None
    # The English page points at the form too (and so uses its translation).
    translated = first.get_translation(Locale.objects.get(language_code="en"))
    assert translated.eform == form and translated.documents.first().filled_online
    out, _ = run_import(write_catalogue(records))
    assert out.strip() == "created 0, updated 0, unchanged 3"


def test_changed_form_updates_the_procedures_that_use_it(
    site_tree, records, write_catalogue
):
    run_import(write_catalogue(records))
    form = EForm.objects.get(locale__language_code="vi")
    for record in records[:2]:
        record["form"]["sections"][0]["questions"][0]["label"] = "Họ và tên của trẻ"
    out, _ = run_import(write_catalogue(records))
    assert out.strip() == "created 0, updated 2, unchanged 1"
    form.refresh_from_db()
    assert (
        form.definition["sections"][0]["questions"][0]["label"] == "Họ và tên của trẻ"
    )
    assert EForm.objects.filter(locale__language_code="vi").count() == 1


def test_export_carries_forms_and_round_trips(site_tree, records, write_catalogue):
    run_import(write_catalogue(records))
    first = run_export()
    exported = {r["code"]: r for r in json.loads(first)}
    record = exported[records[0]["code"]]
    assert record["form"] == BIRTH["vi"]
    assert record["documents"][0]["filled_online"] is True
    assert record["translations"]["en"]["form"] == BIRTH["en"]
    assert "form" not in exported[records[2]["code"]]
    _empty_catalogue()
    EForm.objects.all().delete()
    run_import(write_catalogue(json.loads(first)))
    assert run_export() == first


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda r: r["form"]["sections"][0]["questions"][0].update(name="Bad Name"),
            "form",
        ),
        (
            lambda r: r["form"]["sections"][0]["questions"][0].update(
                show_if={"question": "has_father", "equals": True}
            ),
            "not a question asked before it",
        ),
        (
            lambda r: r["translations"]["en"]["form"]["sections"][0]["questions"].pop(),
            "translations.en.form",
        ),
    ],
)
def test_invalid_forms_refuse_the_file(
    site_tree, records, write_catalogue, change, message
):
    change(records[1])
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_procedures",
            str(write_catalogue(records)),
            stdout=io.StringIO(),
            stderr=err,
        )
    assert f"record #1 ({records[1]['code']})" in err.getvalue()
    assert message in err.getvalue(), err.getvalue()
    assert not ProcedurePage.objects.exists() and not EForm.objects.exists()


def test_two_different_forms_with_one_key_refuse_the_file(
    site_tree, records, write_catalogue
):
    records[1]["form"]["title"] = "Một tờ khai khác"
    records[1]["form"]["key"] = records[0]["form"]["key"]
    with pytest.raises(CommandError):
        run_import(write_catalogue(records))
    assert not EForm.objects.exists()
