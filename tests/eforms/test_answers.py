"""Answers as people read them (check answers, officials, PDF), masked for the
public tracking page, and flattened for the CSV export."""

import pytest
from django.utils import translation

from portal.eforms.answers import (
    all_pages_rows,
    display_value,
    flat_answers,
    masked_section_rows,
    section_rows,
)

from .samples import BIRTH, BIRTH_ANSWERS, BUSINESS, BUSINESS_ANSWERS


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def rows_by_label(sections):
    return {row.label: row for section in sections for row in section.rows}


def test_every_asked_question_is_listed_by_section():
    sections = section_rows(BIRTH, BIRTH_ANSWERS)
    assert [s.title for s in sections] == [
        "Người được khai sinh",
        "Cha, mẹ của trẻ",
        "Người đi đăng ký",
    ]
    rows = rows_by_label(sections)
    assert rows["Giới tính"].value == "Nam"
    assert rows["Ngày sinh"].value == "02/01/2026"
    assert rows["Nơi sinh"].value == "43 Tràng Thi, Phường Ba Đình, Thành phố Hà Nội"
    assert rows["Mẹ"].value == "Trần Thị Hoa, sinh ngày 27/03/1990, CCCD 001190004567"
    assert rows["Có thông tin về người cha không?"].value == "Có"
    assert "Quan hệ khác" not in rows  # not asked: the relation is "mẹ"


def test_groups_list_each_item():
    rows = rows_by_label(section_rows(BUSINESS, BUSINESS_ANSWERS))
    members = rows["Thành viên"]
    assert members.value == "2 × Thành viên"
    (first_title, first), (second_title, second) = members.items
    assert first_title == "Thành viên 1" and second_title == "Thành viên 2"
    assert [row.label for row in first] == [
        "Thành viên",
        "Có góp vốn không?",
        "Số vốn góp",
        "Số CCCD",
    ]
    assert [row.label for row in second] == [
        "Thành viên",
        "Có góp vốn không?",
        "Số CCCD",
    ]
    assert first[2].value == "20.000.000 đ"
    assert rows["Ngành, nghề kinh doanh"].value == "Bán lẻ; Nhà hàng"
    assert rows["Diện tích"].value == "35,5 m²"
    assert rows["Ghi chú"].value == "Chưa trả lời"


def test_english_words_around_the_answers():
    with translation.override("en"):
        assert display_value({"type": "yes_no"}, True) == "Yes"
        assert display_value({"type": "number", "unit": "m²"}, 1250.5) == "1,250.5 m²"


def test_pages_for_check_answers_skip_pages_not_asked():
    steps = [rows.step for rows in all_pages_rows(BIRTH, BIRTH_ANSWERS)]
    assert steps == ["eform-1", "eform-2", "eform-3-1", "eform-3-3"]


def test_tracking_masks_personal_answers():
    rows = rows_by_label(masked_section_rows(BIRTH, BIRTH_ANSWERS))
    assert rows["Họ, chữ đệm, tên của trẻ"].value == "N***** V** B***"
    assert rows["Mẹ"].value == "T*** T** H**"
    assert rows["Ngày sinh"].value == "**/**/2026"
    assert rows["Giới tính"].value == "•••"
    shown = " ".join(row.value for row in rows.values())
    for secret in ("Bình", "001190004567", "Tràng Thi", "Nam"):
        assert secret not in shown


def test_flat_columns_for_csv():
    columns = flat_answers(BUSINESS, BUSINESS_ANSWERS)
    assert columns["capital"] == "50000000"
    assert columns["lines"] == "4711;5610"
    assert columns["address.commune"] == "Phường Hoàn Kiếm"
    assert columns["members.1.person.full_name"] == "Nguyễn Văn An"
    assert columns["members.2.contributes"] == "no"
    assert columns["members.2.id_card"] == "001191004567"
    assert "members.2.amount" not in columns
