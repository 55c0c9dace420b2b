"""English procedure pages are English: untranslated texts are replaced by one
line that links to the Vietnamese text, and the share of Vietnamese-only
letters in <main> stays under a small threshold."""

import io
import json

import pytest
from django.core.management import call_command
from django.db.models import prefetch_related_objects

from cms_pages.models import ProcedurePage
from cms_pages.translation_gaps import ROW_FIELDS, is_untranslated, procedure_gaps
from tests.factories.catalogue import marriage_record
from tests.language import (
    MAX_ENGLISH_SHARE,
    main_text,
    vietnamese_share,
    vietnamese_words,
)

RECORD = marriage_record()

pytestmark = pytest.mark.django_db


def import_records(records, tmp_path) -> None:
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    call_command(
        "import_procedures", str(path), stdout=io.StringIO(), stderr=io.StringIO()
    )


def english_page(code="1.000894") -> ProcedurePage:
    return ProcedurePage.objects.get(code=code, locale__language_code="en")


def assert_english(html: str) -> None:
    text = main_text(html)
    share = vietnamese_share(text)
    assert share <= MAX_ENGLISH_SHARE, (share, vietnamese_words(text))


def test_untranslated_means_same_vietnamese_text_or_missing():
    assert is_untranslated("Miễn lệ phí", "Miễn lệ phí")
    assert is_untranslated("", "Miễn lệ phí")
    assert not is_untranslated("Free of charge", "Miễn lệ phí")
    assert not is_untranslated("Form 01/2021", "Form 01/2021")
    assert not is_untranslated("", "")


def test_gaps_of_a_partly_translated_page(site_tree, tmp_path):
    import_records([RECORD], tmp_path)
    page = english_page()
    prefetch_related_objects([page], *ROW_FIELDS)
    gaps = procedure_gaps(page)
    assert gaps.fields == {"processing_time_note", "requirements"}
    assert gaps.source_url.startswith("/vi/")
    assert set(gaps.sections) == {"glance", "documents", "requirements", "legal"}
    documents = list(page.documents.all())
    assert [d.untranslated for d in documents] == [{"note"}, set(), set()]
    vietnamese = ProcedurePage.objects.get(code="1.000894", locale__language_code="vi")
    assert not procedure_gaps(vietnamese)


def test_partly_translated_page_says_so_once_per_section(client, site_tree, tmp_path):
    import_records([RECORD], tmp_path)
    page = english_page()
    source_url = ProcedurePage.objects.get(
        code="1.000894", locale__language_code="vi"
    ).url
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert_english(html)
    # Translated texts are shown; the Vietnamese ones are not.
    for text in ("Marriage registration form", "The justice officer checks it"):
        assert text in html
    for text in ("Nam từ đủ 20 tuổi", "Ngay trong ngày", "Luật Hộ tịch", "Theo mẫu"):
        assert text not in html
    # One line per section with a gap, each linking to that section in Vietnamese.
    for anchor in ("requirements-heading", "legal-heading", "documents-heading"):
        assert html.count(f'href="{source_url}#{anchor}"') == 1, anchor
    assert 'hreflang="vi"' in html
    assert "not been translated into English yet" in html


def test_fully_translated_page_has_no_notice(client, site_tree, tmp_path):
    import_records([RECORD], tmp_path)
    page = english_page()
    page.processing_time_note = "On the day the dossier is received"
    page.requirements = "The man is at least 20 and the woman at least 18."
    fees, documents, bases = (
        list(page.fees.all()),
        list(page.documents.all()),
        list(page.legal_bases.all()),
    )
    for fee in fees:
        fee.label, fee.note = "Marriage registration fee", "Free of charge"
    for document in documents:
        document.note = "On the official form" if document.note else ""
    for basis in bases:
        basis.text = "Law on Civil Status No. 60/2014/QH13"
    page.fees, page.documents, page.legal_bases = fees, documents, bases
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert_english(html)
    assert "not been translated into English yet" not in html
    assert "Law on Civil Status" in html and "Marriage registration fee" in html


def test_vietnamese_page_is_unchanged(client, site_tree, tmp_path):
    import_records([RECORD], tmp_path)
    page = ProcedurePage.objects.get(code="1.000894", locale__language_code="vi")
    html = client.get(page.url).content.decode()
    assert "Nam từ đủ 20 tuổi" in html and "Luật Hộ tịch số 60/2014/QH13" in html
    assert vietnamese_share(main_text(html)) > 0.1
