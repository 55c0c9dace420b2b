"""Keywords are stored as "a; b; c": wagtail-localize's translation editor
shows them as words, not as `<br>` tags, and every reader gets the list."""

import pytest
from wagtail_localize.segments.extract import extract_segments

from cms_pages.keywords import keywords_from_text, keywords_to_text, normalise
from tests.factories.catalogue import ProcedurePageFactory, build_site


@pytest.mark.parametrize(
    "stored",
    [
        "khai sinh; giấy khai sinh",
        "khai sinh\ngiấy khai sinh",
        " khai sinh ;\r\n; giấy khai sinh; ",
    ],
)
def test_every_stored_form_reads_as_the_same_list(stored):
    assert keywords_from_text(stored) == ["khai sinh", "giấy khai sinh"]
    assert normalise(stored) == "khai sinh; giấy khai sinh"


def test_commas_stay_inside_a_keyword():
    text = keywords_to_text(["cơ sở khám bệnh, chữa bệnh", "phòng khám tư"])
    assert keywords_from_text(text) == ["cơ sở khám bệnh, chữa bệnh", "phòng khám tư"]


@pytest.mark.django_db
def test_the_translation_editor_gets_words_not_tags():
    _home, catalogue = build_site()
    page = ProcedurePageFactory(
        parent=catalogue, keywords=keywords_to_text(["làm giấy khai sinh", "khai sinh"])
    )
    segments = [s for s in extract_segments(page) if s.path == "keywords"]
    assert len(segments) == 1
    # `data` is what the translation editor shows (a line break is <br/>).
    assert segments[0].string.data == "làm giấy khai sinh; khai sinh"
    assert page.keyword_list == ["làm giấy khai sinh", "khai sinh"]
