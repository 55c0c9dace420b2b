"""import_procedures: translations of every citizen-facing field, shared names, sync."""

import copy
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from cms_pages.models import Agency, ProcedurePage
from cms_pages.services.catalogue_format import canonical_record, dumps
from cms_pages.services.catalogue_validation import validate
from cms_pages.services.translation_status import is_out_of_date
from tests.catalogue.test_import import run_export, run_import


def full_record(code: str = "4.000001", **changes) -> dict:
    """A record whose English translation covers every field a citizen reads."""
    record = {
        "code": code,
        "name": "Cấp giấy phép lái xe quốc tế",
        "sector": "Giao thông vận tải",
        "agency": "Sở Xây dựng",
        "level": "province",
        "online_service": "full",
        "channels": ["in_person", "online"],
        "processing_time_days": 5,
        "processing_time_note": "Kể từ ngày nhận đủ hồ sơ hợp lệ",
        "fees": [
            {
                "label": "Lệ phí cấp giấy phép",
                "amount_vnd": 135000,
                "note": "Nộp khi nhận",
            },
            {"label": "Phí dịch vụ bưu chính", "amount_vnd": None},
        ],
        "documents": [
            {"name": "Tờ khai đề nghị", "originals": 1, "template": "Mẫu số 01"},
            {"name": "Bản sao giấy phép lái xe", "copies": 1, "note": "Kèm bản gốc"},
        ],
        "steps": ["Nộp hồ sơ", "Nhận kết quả"],
        "requirements": "Có giấy phép lái xe còn hạn",
        "legal_basis": ["Thông tư số 29/2015/TT-BGTVT"],
        "result": "Giấy phép lái xe quốc tế",
        "keywords": ["IDP", "bằng lái quốc tế"],
        "translations": {
            "en": {
                "name": "Issuance of an international driving permit",
                "sector": "Transport",
                "agency": "Department of Construction",
                "processing_time_note": "From the day a complete dossier is received",
                "fees": [
                    {"label": "Permit fee", "note": "Paid on collection"},
                    "Postal service charge",
                ],
                "documents": [
                    {"name": "Application form", "template": "Form 01"},
                    {
                        "name": "Copy of the driving licence",
                        "note": "With the original",
                    },
                ],
                "steps": ["Submit the dossier", "Collect the result"],
                "requirements": "A valid driving licence",
                "legal_basis": ["Circular 29/2015/TT-BGTVT"],
                "result": "International driving permit",
                "keywords": ["IDP", "international driving licence"],
            }
        },
    }
    record.update(changes)
    return record


def english(code: str) -> ProcedurePage:
    return ProcedurePage.objects.get(code=code, locale__language_code="en")


def vietnamese(code: str) -> ProcedurePage:
    return ProcedurePage.objects.get(code=code, locale__language_code="vi")


def test_every_citizen_field_is_translated_exported_and_round_trips(
    site_tree, write_catalogue
):
    record = full_record()
    en = record["translations"]["en"]
    out, _ = run_import(write_catalogue([record]))
    assert out.strip() == "created 1, updated 0, unchanged 0"
    page = english(record["code"])
    assert page.processing_time_note == en["processing_time_note"]
    assert [(f.label, f.note) for f in page.fees.all()] == [
        ("Permit fee", "Paid on collection"),
        ("Postal service charge", ""),
    ]
    assert [(d.name, d.note, d.template_name) for d in page.documents.all()] == [
        ("Application form", "", "Form 01"),
        ("Copy of the driving licence", "With the original", ""),
    ]
    assert [b.text for b in page.legal_bases.all()] == en["legal_basis"]
    assert page.keyword_list == en["keywords"]
    assert page.requirements == en["requirements"]
    # Amounts and counts are the Vietnamese page's.
    assert [f.amount_vnd for f in page.fees.all()] == [135000, None]
    exported = run_export()
    assert json.loads(exported) == [canonical_record(record)]
    assert json.loads(exported)[0]["translations"]["en"]["fees"][1] == (
        "Postal service charge"
    )
    out, _ = run_import(write_catalogue([record]))
    assert out.strip() == "created 0, updated 0, unchanged 1"
    # Export → import into an empty site → export is byte-identical.
    for procedure in ProcedurePage.objects.all():
        procedure.delete()
    run_import(write_catalogue(json.loads(exported)))
    assert run_export() == exported == dumps(json.loads(exported))


def test_old_style_translations_stay_valid_and_mean_the_same(
    site_tree, write_catalogue
):
    record = full_record()
    record["translations"]["en"] = {
        "name": "International driving permit",
        "documents": ["Application form"],
        "steps": ["Submit the dossier"],
    }
    errors, warnings = validate([record])
    assert errors == [] and warnings == []
    run_import(write_catalogue([record]))
    page = english(record["code"])
    # Untranslated text falls back to Vietnamese, item by item.
    assert [d.name for d in page.documents.all()] == [
        "Application form",
        "Bản sao giấy phép lái xe",
    ]
    assert [d.note for d in page.documents.all()] == ["", "Kèm bản gốc"]
    assert [s.text for s in page.steps.all()] == ["Submit the dossier", "Nhận kết quả"]
    assert page.processing_time_note == record["processing_time_note"]


def test_translated_lists_longer_than_the_source_are_errors(site_tree, write_catalogue):
    record = full_record()
    record["translations"]["en"]["fees"].append("Extra")
    record["translations"]["en"]["legal_basis"].append("Extra law")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_procedures",
            str(write_catalogue([record])),
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "translations.en.fees: 3 items but only 2 in fees" in err.getvalue()
    assert "translations.en.legal_basis: 2 items" in err.getvalue()
    assert not ProcedurePage.objects.exists()


def test_translation_of_an_empty_vietnamese_text_is_a_warning(
    site_tree, write_catalogue
):
    record = full_record()
    del record["requirements"]
    _, err = run_import(write_catalogue([record]))
    assert "translations.en.requirements: the record has no Vietnamese" in err
    assert english(record["code"]).requirements == ""


def test_two_english_names_for_one_agency_warn_and_keep_the_first(
    site_tree, write_catalogue
):
    first = full_record("4.000001")
    second = full_record("4.000002", name="Đổi giấy phép lái xe quốc tế")
    second["translations"]["en"]["agency"] = "Department of Construction (Licences)"
    out, err = run_import(write_catalogue([first, second]))
    assert out.strip() == "created 2, updated 0, unchanged 0"
    assert "record #1 (4.000002): translations.en.agency" in err
    assert '"Department of Construction (Licences)"' in err
    assert "record #0" in err and '"Department of Construction" is kept' in err
    assert english("4.000002").agency.name == "Department of Construction"
    assert Agency.objects.filter(locale__language_code="en").count() == 1
    out, _ = run_import(write_catalogue([first, second]))
    assert out.strip() == "created 0, updated 0, unchanged 2"
    # A later file cannot rename it either: the site's name stays.
    third = full_record("4.000003", name="Cấp lại giấy phép lái xe quốc tế")
    third["translations"]["en"]["agency"] = "Construction Department"
    out, err = run_import(write_catalogue([third]))
    assert out.strip() == "created 1, updated 0, unchanged 0"
    assert "the name the site already has for the agency" in err
    assert english("4.000003").agency.name == "Department of Construction"


def test_without_catalogue_the_message_names_setup_site(db, write_catalogue):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_procedures",
            str(write_catalogue([full_record()])),
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "manage.py setup_site" in err.getvalue()


def test_imported_english_is_a_synced_wagtail_localize_translation(
    site_tree, write_catalogue, admin_client, django_capture_on_commit_callbacks
):
    record = full_record()
    run_import(write_catalogue([record]))
    source = TranslationSource.objects.get_for_instance(vietnamese(record["code"]))
    translation = Translation.objects.get(source=source)
    assert translation.enabled and translation.target_locale.language_code == "en"
    assert translation.get_progress()[1] > 0
    assert StringTranslation.objects.filter(
        locale__language_code="en", data="Permit fee"
    ).exists()
    assert not is_out_of_date(english(record["code"]))
    # The editor's "Sync translated pages", as the admin posts it.
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert admin_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    page = english(record["code"])
    assert page.title == "Issuance of an international driving permit"
    assert page.result == "International driving permit"
    assert [f.note for f in page.fees.all()] == ["Paid on collection", ""]
    assert [d.template_name for d in page.documents.all()] == ["Form 01", ""]
    assert [s.text for s in page.steps.all()] == [
        "Submit the dossier",
        "Collect the result",
    ]
    assert page.keyword_list == ["IDP", "international driving licence"]
    assert page.agency.name == "Department of Construction"
    assert page.live and page.slug.startswith("4-000001-issuance")
    # The synced page is what the importer wrote: a re-import changes nothing.
    out, _ = run_import(write_catalogue([record]))
    assert out.strip() == "created 0, updated 0, unchanged 1"


def test_changed_vietnamese_page_makes_the_english_one_out_of_date(
    site_tree, write_catalogue, admin_client, django_capture_on_commit_callbacks
):
    record = full_record()
    run_import(write_catalogue([record]))
    page = vietnamese(record["code"])
    steps = list(page.steps.all())
    steps[1].text = "Nhận kết quả tại Trung tâm"
    page.steps = steps
    page.save_revision().publish()
    assert is_out_of_date(english(record["code"]))
    source = TranslationSource.objects.get_for_instance(page)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"publish_translations": "on"})
    synced = english(record["code"])
    assert not is_out_of_date(synced)
    # The changed step falls back to the new Vietnamese text until translated;
    # everything else keeps its English.
    assert [s.text for s in synced.steps.all()] == [
        "Submit the dossier",
        "Nhận kết quả tại Trung tâm",
    ]
    assert synced.result == "International driving permit"


def test_changed_record_updates_source_strings_and_english(site_tree, write_catalogue):
    record = full_record()
    run_import(write_catalogue([record]))
    changed = copy.deepcopy(record)
    changed["steps"][1] = "Nhận kết quả qua bưu điện"
    changed["translations"]["en"]["steps"][1] = "Receive the result by post"
    changed["translations"]["en"]["fees"][0] = "Permit fee"
    out, _ = run_import(write_catalogue([changed]))
    assert out.strip() == "created 0, updated 1, unchanged 0"
    page = english(record["code"])
    assert [s.text for s in page.steps.all()][1] == "Receive the result by post"
    # The fee note is no longer translated: back to Vietnamese, also in the memory.
    assert [f.note for f in page.fees.all()][0] == "Nộp khi nhận"
    assert not StringTranslation.objects.filter(data="Paid on collection").exists()
    assert not is_out_of_date(page)
