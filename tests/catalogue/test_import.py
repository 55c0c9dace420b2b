"""import_procedures / export_procedures: the contract in shared/CONTRACTS.md."""

import copy
import io
import json

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from cms_pages.models import Agency, ProcedurePage, Sector
from cms_pages.services.catalogue_format import canonical_record, dumps

# Records of the sample with English translations, some with translated steps.
SUBSET = [0, 1, 3, 4, 6, 20, 21]


def run_import(path, *extra):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_procedures", str(path), *extra, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_export() -> str:
    out = io.StringIO()
    call_command("export_procedures", stdout=out)
    return out.getvalue()


def edge_records() -> list[dict]:
    """What real catalogues contain and the sample shows rarely or never."""
    long_name = "Thủ tục " + " ".join(["cấp giấy phép hoạt động"] * 20)
    return [
        {
            "code": "3.000001",
            "name": "Đăng ký kết hôn (cấp huyện cũ)",
            "sector": "Hộ tịch",
            "agency": "Phòng Tư pháp huyện",
            "level": "district",
            "online_service": "full",
            "channels": ["online"],
            "processing_time_days": 0.5,
            "documents": [{"name": "Tờ khai đăng ký kết hôn"}],
            "fees": [
                {"label": "Lệ phí", "amount_vnd": None, "note": "Theo nghị quyết HĐND"}
            ],
            "steps": ["Nộp hồ sơ trực tuyến"],
            "result": "Giấy chứng nhận kết hôn",
        },
        {
            "code": "3.000002",
            "name": long_name,
            "sector": "Hộ tịch",
            "agency": "UBND cấp xã",
            "level": "commune",
            "online_service": "none",
            "processing_time_days": 0,
            "documents": [
                {"name": "Đơn đề nghị", "required": True, "originals": 1},
                {"name": "Giấy ủy quyền", "required": False, "copies": 0},
            ],
            "steps": ["Nộp", "Nhận kết quả"],
            "result": "Quyết định",
            "translations": {"en": {"name": "Licence " * 60}},
        },
    ]


@pytest.fixture
def subset(sample_records):
    return [sample_records[i] for i in SUBSET]


def test_sample_file_imports_then_second_run_changes_nothing(
    site_tree, sample_records, write_catalogue
):
    _, catalogue = site_tree
    path = write_catalogue(sample_records)
    out, _ = run_import(path)
    assert out.strip() == "created 45, updated 0, unchanged 0"
    pages = ProcedurePage.objects.filter(locale__language_code="vi")
    assert pages.count() == 45
    assert all(p.live for p in pages)
    catalogue.refresh_from_db()
    assert set(pages.values_list("path", flat=True)) == set(
        catalogue.get_children().values_list("path", flat=True)
    )
    assert Sector.objects.filter(locale__language_code="vi").count() == len(
        {r["sector"] for r in sample_records}
    )
    revisions = Revision.objects.count()

    out, _ = run_import(path)
    assert out.strip() == "created 0, updated 0, unchanged 45"
    assert Revision.objects.count() == revisions


def test_changed_record_is_updated_alone(site_tree, subset, write_catalogue):
    run_import(write_catalogue(subset))
    changed = copy.deepcopy(subset)
    changed[2]["steps"].append("Nhận kết quả tại Trung tâm")
    changed[2]["processing_time_days"] = 0.5
    out, _ = run_import(write_catalogue(changed))
    assert out.strip() == f"created 0, updated 1, unchanged {len(subset) - 1}"
    page = ProcedurePage.objects.get(
        code=changed[2]["code"], locale__language_code="vi"
    )
    assert [s.text for s in page.steps.all()][-1] == "Nhận kết quả tại Trung tâm"
    assert str(page.processing_time_days) == "0.50"


def test_broken_file_changes_nothing_and_names_every_bad_record(
    site_tree, subset, write_catalogue
):
    broken = copy.deepcopy(subset)
    broken[1]["level"] = "city"
    broken[3]["code"] = broken[0]["code"]
    broken[4]["documents"][0]["originals"] = -1
    del broken[5]["result"]
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import_procedures",
            str(write_catalogue(broken)),
            stdout=io.StringIO(),
            stderr=err,
        )
    text = err.getvalue()
    assert f"record #1 ({broken[1]['code']}): level" in text
    assert f"record #3 ({broken[3]['code']}): duplicate code" in text
    assert f"record #4 ({broken[4]['code']}): documents[0].originals" in text
    assert (
        f"record #5 ({broken[5]['code']})" in text
        and "'result' is a required property" in text
    )
    assert "error: record #0 " not in text
    assert not ProcedurePage.objects.exists()
    assert not Sector.objects.exists()
    assert not Agency.objects.exists()


def test_not_json_and_missing_file_are_clear_errors(site_tree, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        run_import(bad)
    with pytest.raises(CommandError, match="Cannot read"):
        run_import(tmp_path / "missing.json")


def test_dry_run_writes_nothing(site_tree, subset, write_catalogue):
    out, _ = run_import(write_catalogue(subset), "--dry-run")
    assert out.startswith(f"created {len(subset)}, updated 0, unchanged 0")
    assert not ProcedurePage.objects.exists()


def test_translations_create_english_pages_as_translations(
    site_tree, sample_records, subset, write_catalogue
):
    subset = copy.deepcopy(subset)
    # One translation without steps: they fall back to Vietnamese.
    subset[1]["translations"]["en"].pop("steps", None)
    run_import(write_catalogue(subset))
    source = ProcedurePage.objects.get(
        code=subset[0]["code"], locale__language_code="vi"
    )
    english = ProcedurePage.objects.get(
        code=subset[0]["code"], locale__language_code="en"
    )
    en = subset[0]["translations"]["en"]
    assert english.translation_key == source.translation_key
    assert english.live
    assert english.title == en["name"]
    assert english.result == en["result"]
    assert [s.text for s in english.steps.all()] == en["steps"]
    assert [d.name for d in english.documents.all()] == [
        item if isinstance(item, str) else item["name"] for item in en["documents"]
    ]
    # Sectors and agencies: translations of the Vietnamese snippets.
    assert english.sector.locale.language_code == "en"
    assert english.sector.translation_key == source.sector.translation_key
    assert english.sector.name == en["sector"]
    assert english.agency.name == en["agency"]
    # Under the English catalogue; Wagtail (and wagtail-localize) see a translation.
    assert english.get_parent().locale.language_code == "en"
    assert source.get_translation(english.locale).pk == english.pk
    assert english.get_latest_revision() == english.live_revision
    # Rows are translations of the source rows.
    assert [d.translation_key for d in english.documents.all()] == [
        d.translation_key for d in source.documents.all()
    ]
    # Fields the translation leaves out fall back to Vietnamese.
    no_steps = next(
        r
        for r in subset
        if "translations" in r and "steps" not in r["translations"]["en"]
    )
    page = ProcedurePage.objects.get(code=no_steps["code"], locale__language_code="en")
    assert [s.text for s in page.steps.all()] == no_steps["steps"]
    # Records without translations get no English page.
    plain = next(r for r in subset if "translations" not in r)
    assert not ProcedurePage.objects.filter(
        code=plain["code"], locale__language_code="en"
    ).exists()


def test_changed_translation_updates_english_page(site_tree, subset, write_catalogue):
    run_import(write_catalogue(subset))
    changed = copy.deepcopy(subset)
    changed[0]["translations"]["en"]["result"] = (
        "Certificate of enterprise registration"
    )
    out, _ = run_import(write_catalogue(changed))
    assert out.strip() == f"created 0, updated 1, unchanged {len(subset) - 1}"
    english = ProcedurePage.objects.get(
        code=subset[0]["code"], locale__language_code="en"
    )
    assert english.result == "Certificate of enterprise registration"
    out, _ = run_import(write_catalogue(changed))
    assert out.strip() == f"created 0, updated 0, unchanged {len(subset)}"


def test_edge_cases_the_schema_allows(site_tree, write_catalogue):
    records = edge_records()
    out, _ = run_import(write_catalogue(records))
    assert out.strip() == "created 2, updated 0, unchanged 0"
    legacy = ProcedurePage.objects.get(code="3.000001", locale__language_code="vi")
    assert legacy.level == "district"
    assert (legacy.channel_online, legacy.channel_in_person) == (True, False)
    assert (legacy.for_individuals, legacy.for_organizations) == (True, True)
    assert legacy.fees.get().amount_vnd is None
    long = ProcedurePage.objects.get(code="3.000002", locale__language_code="vi")
    assert len(long.title) <= 255 and long.title.endswith("…")
    assert long.full_name == records[1]["name"]
    assert [d.required for d in long.documents.all()] == [True, False]
    english = ProcedurePage.objects.get(code="3.000002", locale__language_code="en")
    assert english.full_name == records[1]["translations"]["en"]["name"]
    out, _ = run_import(write_catalogue(records))
    assert out.strip() == "created 0, updated 0, unchanged 2"
    exported = json.loads(run_export())
    assert exported == [canonical_record(r) for r in records]
    assert exported[0]["processing_time_days"] == 0.5
    assert "required" not in exported[1]["documents"][0]
    assert exported[1]["documents"][1]["required"] is False


def _empty_catalogue():
    for page in ProcedurePage.objects.all():
        page.delete()
    Sector.objects.all().delete()
    Agency.objects.all().delete()


def test_export_import_export_is_identical(site_tree, subset, write_catalogue):
    run_import(write_catalogue(subset + edge_records()))
    first = run_export()
    assert [r["code"] for r in json.loads(first)] == sorted(
        r["code"] for r in subset + edge_records()
    )
    _empty_catalogue()
    assert not Page.objects.type(ProcedurePage).exists()
    out, _ = run_import(write_catalogue(json.loads(first)))
    assert out.strip() == f"created {len(subset) + 2}, updated 0, unchanged 0"
    second = run_export()
    assert second == first
    assert second == dumps(json.loads(first))


def test_export_to_file(site_tree, subset, write_catalogue, tmp_path):
    run_import(write_catalogue(subset))
    target = tmp_path / "out.json"
    call_command("export_procedures", "--output", str(target), stderr=io.StringIO())
    assert json.loads(target.read_text(encoding="utf-8"))[0]["code"] == min(
        r["code"] for r in subset
    )


def test_without_catalogue_page_the_import_says_so(db, subset, write_catalogue):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_procedures",
            str(write_catalogue(subset)),
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "no procedure catalogue" in err.getvalue()


def test_imported_pages_open_in_the_admin_with_their_rows(
    site_tree, subset, write_catalogue, client
):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    run_import(write_catalogue(subset))
    page = ProcedurePage.objects.get(code=subset[0]["code"], locale__language_code="vi")
    content = page.latest_revision.content
    # Rows are stored with their ids in the revision, so editing keeps them.
    assert [d["pk"] for d in content["documents"]] == [
        d.pk for d in page.documents.all()
    ]
    assert page.live_revision_id == page.latest_revision_id
    assert not page.has_unpublished_changes
    user = get_user_model().objects.create_superuser("ed", "ed@example.vn", "pw")
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    assert subset[0]["documents"][0]["name"] in response.content.decode()
    history = client.get(reverse("wagtailadmin_pages:history", args=(page.pk,)))
    assert history.status_code == 200
