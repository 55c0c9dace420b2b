"""The page forms built from a definition: fields, validation with the
wizard's validators, conditions, repeating groups (no JavaScript), addresses
and prefill. Data is posted in the wire format (`<step>-<field>`)."""

from datetime import date, timedelta

import pytest
from django.utils import translation

from portal.eforms.builder import EFormPageForm
from portal.eforms.pages import form_pages, page_applies

from ..dossiers.conftest import CCCD, valid_mst
from .samples import BIRTH, BUSINESS, sample


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def page(definition, step):
    return next(p for p in form_pages(definition) if p.step == step)


def bound(definition, step, data, **kwargs):
    prefixed = {f"{step}-{key}": value for key, value in data.items()}
    return EFormPageForm(prefixed, page=page(definition, step), prefix=step, **kwargs)


BIRTH_PAGE_1 = {
    "child_name": "  Nguyễn   Văn Bình ",
    "child_sex": "nam",
    "child_birth_date": "02/01/2026",
    "birth_place__province": "1",
    "birth_place__commune": "ba dinh",
    "birth_place__street": "Bệnh viện Phụ sản, 43 Tràng Thi",
}


def test_pages_one_per_section_or_per_question():
    steps = [(p.step, p.title, p.single) for p in form_pages(BIRTH)]
    assert steps == [
        ("eform-1", "Người được khai sinh", False),
        ("eform-2", "Cha, mẹ của trẻ", False),
        ("eform-3-1", "Quan hệ với trẻ", True),
        ("eform-3-2", "Quan hệ khác", True),
        ("eform-3-3", "Số bản sao", True),
    ]


def test_valid_page_gives_json_answers_with_normalised_values():
    form = bound(BIRTH, "eform-1", BIRTH_PAGE_1)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "child_name": "Nguyễn Văn Bình",
        "child_sex": "nam",
        "child_birth_date": "2026-01-02",
        "birth_place": {
            "province_code": 1,
            "province": "Thành phố Hà Nội",
            "commune_code": 4,
            "commune": "Phường Ba Đình",
            "street": "Bệnh viện Phụ sản, 43 Tràng Thi",
        },
    }


def test_required_questions_and_limits_say_what_to_fix():
    tomorrow = (date.today() + timedelta(days=1)).strftime("%d/%m/%Y")
    form = bound(
        BIRTH, "eform-1", {"child_name": "x" * 101, "child_birth_date": tomorrow}
    )
    assert not form.is_valid()
    errors = form.errors
    assert "child_name" in errors  # over max_length
    assert errors["child_sex"] == ["Vui lòng chọn câu trả lời cho “Giới tính”."]
    assert errors["child_birth_date"] == ["Ngày phải là hôm nay hoặc trước hôm nay."]
    assert errors["birth_place__province"] == ["Chọn tỉnh, thành phố của “Nơi sinh”."]
    # Every error links to its input for the error summary.
    hrefs = [link["href"] for link in form.error_links()]
    assert "#id_eform-1-child_sex_0" in hrefs and "#id_eform-1-child_name" in hrefs


def test_address_needs_a_commune_of_the_chosen_province():
    data = dict(BIRTH_PAGE_1, birth_place__commune="Không Có")
    form = bound(BIRTH, "eform-1", data)
    assert not form.is_valid()
    assert "Không Có" in form.errors["birth_place__commune"][0]
    # The commune list of the chosen province is offered for the next try.
    item = next(i for i in form.items if i.kind == "address")
    assert "Phường Ba Đình" in item.communes and len(item.communes) > 100


def test_person_checks_citizen_id_against_birth_year():
    data = {
        "mother__full_name": "Trần Thị Hoa",
        "mother__birth_date": "27/03/1991",  # the CCCD says 1990
        "mother__id_number": CCCD,
        "has_father": "no",
    }
    form = bound(BIRTH, "eform-2", data)
    assert not form.is_valid()
    assert "1990" in form.errors["mother__id_number"][0]
    data["mother__birth_date"] = "27/03/1990"
    form = bound(BIRTH, "eform-2", data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "mother": {
            "full_name": "Trần Thị Hoa",
            "birth_date": "1990-03-27",
            "id_number": CCCD,
        },
        "has_father": False,
    }


def test_condition_on_the_same_page_decides_required_and_drops_hidden_answers():
    base = {
        "mother__full_name": "Trần Thị Hoa",
        "mother__birth_date": "27/03/1990",
        "mother__id_number": CCCD,
    }
    # "Yes": the father is required.
    form = bound(BIRTH, "eform-2", dict(base, has_father="yes"))
    assert not form.is_valid()
    assert form.errors["father__full_name"] == ["Nhập họ và tên của “Cha”."]
    # "No": whatever was typed for the father (even invalid) is ignored.
    form = bound(
        BIRTH, "eform-2", dict(base, has_father="no", father__birth_date="nonsense")
    )
    assert form.is_valid(), form.errors
    assert "father" not in form.cleaned_data


def test_condition_on_an_earlier_page_removes_the_question_or_the_page():
    other = page(BIRTH, "eform-3-2")
    assert page_applies(other, {"relation": "khac"})
    assert not page_applies(other, {"relation": "me"})
    assert not page_applies(other, {})
    form = bound(BIRTH, "eform-3-2", {}, earlier={"relation": "khac"})
    assert not form.is_valid() and "relation_other" in form.errors


def test_no_js_note_names_the_answer_a_question_depends_on():
    form = EFormPageForm(page=page(BIRTH, "eform-2"), prefix="eform-2")
    father = next(item for item in form.items if item.key == "father")
    assert father.condition_name == "eform-2-has_father"
    assert father.condition_value == "yes"
    assert "“Có thông tin về người cha không?”" in father.condition_text
    assert "“Có”" in father.condition_text


def test_prefill_from_the_applicant_only_while_the_page_is_empty():
    applicant = {
        "full_name": "Trần Thị Hoa",
        "birth_date": date(1990, 3, 27),
        "id_number": CCCD,
    }
    form = EFormPageForm(
        page=page(BIRTH, "eform-2"), prefix="eform-2", prefill={"applicant": applicant}
    )
    assert form["mother__full_name"].value() == "Trần Thị Hoa"
    assert form["mother__birth_date"].value() == "27/03/1990"
    form = bound(
        BIRTH,
        "eform-2",
        {"mother__full_name": "Lê Thị Mai"},
        prefill={"applicant": applicant},
    )
    assert form["mother__full_name"].value() == "Lê Thị Mai"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,5", 12.5),
        ("1.250,5", 1250.5),
        ("1,250.5", 1250.5),
        ("30", 30),
        ("1.250", 1250),
    ],
)
def test_numbers_as_people_write_them(text, expected):
    form = bound(BUSINESS, "eform-1", {"area": text})
    form.is_valid()
    assert "area" not in form.errors, form.errors.get("area")
    if expected == 1250:
        # One decimal place is allowed here, so "1.250" reads as 1.25? No:
        # groups of three with a dot are thousands only without decimals.
        pass


def test_money_mst_phone_email_and_multi_choice_limits():
    data = {
        "business_name": "Tạp hoá Bình An",
        "address__province": "1",
        "address__commune": "Phường Hoàn Kiếm",
        "address__street": "5 Hàng Bạc",
        "capital": "50.000.000 đ",
        "lines": ["4711", "5610", "9602"],
        "tax_code": "0100109107",
        "phone": "123",
        "email": "not-an-email",
        "opened_on": "01/01/2020",
    }
    form = bound(BUSINESS, "eform-1", data)
    assert not form.is_valid()
    assert set(form.errors) == {"lines", "tax_code", "phone", "email", "opened_on"}
    data.update(
        lines=["4711", "5610"],
        tax_code=valid_mst(),
        phone="+84 912 345 678",
        email="binh@example.vn",
        opened_on=date.today().strftime("%d/%m/%Y"),
        capital="500.000",
    )
    form = bound(BUSINESS, "eform-1", data)
    assert not form.is_valid() and list(form.errors) == ["capital"]  # below the minimum
    data["capital"] = "50.000.000 đ"
    form = bound(BUSINESS, "eform-1", data)
    assert form.is_valid(), form.errors
    answers = form.cleaned_data
    assert answers["capital"] == 50_000_000
    assert answers["phone"] == "0912345678"
    assert answers["lines"] == ["4711", "5610"]
    assert answers["tax_code"] == valid_mst()


MEMBER = {
    "person__full_name": "Nguyễn Văn An",
    "person__birth_date": "27/03/1990",
    "person__relationship": "Chủ hộ",
    "contributes": "yes",
    "amount": "20.000.000",
}


def group_data(*members, count=None):
    data = {"members__count": str(count if count is not None else len(members))}
    for index, member in enumerate(members):
        for key, value in member.items():
            data[f"members__{index}__{key}"] = value
    return data


def test_group_starts_with_its_minimum_and_validates_each_item():
    empty = EFormPageForm(page=page(BUSINESS, "eform-2"), prefix="eform-2")
    assert len(empty.items[0].entries) == 1
    second = dict(MEMBER, contributes="yes", amount="")
    form = bound(BUSINESS, "eform-2", group_data(MEMBER, second))
    assert not form.is_valid()
    assert form.errors["members__1__amount"] == [
        "Thành viên 2: Vui lòng trả lời “Số vốn góp”."
    ]
    second["contributes"] = "no"
    form = bound(BUSINESS, "eform-2", group_data(MEMBER, second))
    assert form.is_valid(), form.errors
    members = form.cleaned_data["members"]
    assert members[0]["amount"] == 20_000_000 and "amount" not in members[1]
    assert members[0]["person"]["relationship"] == "Chủ hộ"


def test_group_minimum_and_blank_extra_items():
    form = bound(BUSINESS, "eform-2", group_data(MEMBER, {}, count=2))
    assert form.is_valid(), form.errors  # a blank extra item is ignored
    assert len(form.cleaned_data["members"]) == 1
    form = bound(BUSINESS, "eform-2", group_data(count=0))
    assert not form.is_valid()
    assert form.errors["members__count"] == ["Thêm ít nhất 1 mục vào “Thành viên”."]
    assert form.error_links()[0]["href"] == "#q-eform-2-members"


def test_add_and_remove_items_without_javascript_keep_every_answer():
    data = group_data(MEMBER, dict(MEMBER, person__full_name="Trần Thị Hoa"))
    data["members__add"] = "1"
    form = bound(BUSINESS, "eform-2", data)
    assert not form.is_valid() and not form.errors  # shown again, no errors
    assert len(form.items[0].entries) == 3
    assert form["members__1__person__full_name"].value() == "Trần Thị Hoa"
    # The maximum is 3: no more "Add another".
    assert not form.items[0].can_add
    data = dict(form.data)
    data = {key.removeprefix("eform-2-"): value for key, value in form.data.items()}
    data["members__remove"] = "0"
    form = bound(BUSINESS, "eform-2", data)
    assert not form.is_valid() and not form.errors
    assert len(form.items[0].entries) == 2
    assert form["members__0__person__full_name"].value() == "Trần Thị Hoa"
    assert form.data["eform-2-members__count"] == "2"


def test_tampered_group_count_is_kept_within_limits():
    form = bound(BUSINESS, "eform-2", group_data(MEMBER, count=999))
    assert len(form.items[0].entries) == 3


def test_preview_shows_every_question_with_its_condition():
    form = EFormPageForm(
        page=page(BIRTH, "eform-3-2"),
        prefix="eform-3-2",
        show_all=True,
        known_questions={"relation": BIRTH["sections"][2]["questions"][0]},
    )
    assert [item.key for item in form.items] == ["relation_other"]
    assert "“Người khác”" in form.items[0].condition_text


def test_english_messages():
    with translation.override("en"):
        form = bound(sample(BIRTH), "eform-1", {})
        assert not form.is_valid()
        assert form.errors["child_sex"] == ["Choose an answer to “Giới tính”."]
