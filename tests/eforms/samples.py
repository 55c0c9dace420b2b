"""E-form definitions the tests build on (CONTRACTS.md shape)."""

import copy

BIRTH = {
    "key": "to-khai-dang-ky-khai-sinh",
    "title": "Tờ khai đăng ký khai sinh",
    "reference": "Mẫu ban hành kèm theo Thông tư số 04/2024/TT-BTP",
    "signature": True,
    "signature_caption": "Người yêu cầu",
    "sections": [
        {
            "title": "Người được khai sinh",
            "questions": [
                {
                    "name": "child_name",
                    "type": "text",
                    "label": "Họ, chữ đệm, tên của trẻ",
                    "required": True,
                    "max_length": 100,
                },
                {
                    "name": "child_sex",
                    "type": "choice",
                    "label": "Giới tính",
                    "required": True,
                    "choices": [
                        {"value": "nam", "label": "Nam"},
                        {"value": "nu", "label": "Nữ"},
                    ],
                },
                {
                    "name": "child_birth_date",
                    "type": "date",
                    "label": "Ngày sinh",
                    "required": True,
                    "max": "today",
                },
                {
                    "name": "birth_place",
                    "type": "address",
                    "label": "Nơi sinh",
                    "required": True,
                },
            ],
        },
        {
            "title": "Cha, mẹ của trẻ",
            "questions": [
                {
                    "name": "mother",
                    "type": "person",
                    "label": "Mẹ",
                    "required": True,
                    "id_required": True,
                    "prefill": "applicant",
                },
                {
                    "name": "has_father",
                    "type": "yes_no",
                    "label": "Có thông tin về người cha không?",
                    "required": True,
                },
                {
                    "name": "father",
                    "type": "person",
                    "label": "Cha",
                    "required": True,
                    "show_if": {"question": "has_father", "equals": True},
                },
            ],
        },
        {
            "title": "Người đi đăng ký",
            "one_question_per_page": True,
            "questions": [
                {
                    "name": "relation",
                    "type": "choice",
                    "label": "Quan hệ với trẻ",
                    "required": True,
                    "choices": [
                        {"value": "me", "label": "Mẹ"},
                        {"value": "cha", "label": "Cha"},
                        {"value": "khac", "label": "Người khác"},
                    ],
                },
                {
                    "name": "relation_other",
                    "type": "text",
                    "label": "Quan hệ khác",
                    "required": True,
                    "show_if": {"question": "relation", "equals": "khac"},
                },
                {
                    "name": "copies",
                    "type": "number",
                    "label": "Số bản sao",
                    "min": 0,
                    "max": 10,
                },
            ],
        },
    ],
}

BUSINESS = {
    "key": "giay-de-nghi-dang-ky-ho-kinh-doanh",
    "title": "Giấy đề nghị đăng ký hộ kinh doanh",
    "signature": True,
    "sections": [
        {
            "title": "Hộ kinh doanh",
            "intro": "Thông tin ghi trên giấy chứng nhận.",
            "questions": [
                {
                    "name": "business_name",
                    "type": "text",
                    "label": "Tên hộ kinh doanh",
                    "required": True,
                },
                {
                    "name": "address",
                    "type": "address",
                    "label": "Địa chỉ trụ sở",
                    "required": True,
                },
                {"name": "phone", "type": "phone", "label": "Điện thoại"},
                {"name": "email", "type": "email", "label": "Thư điện tử"},
                {
                    "name": "capital",
                    "type": "money",
                    "label": "Vốn kinh doanh",
                    "required": True,
                    "min": 1000000,
                },
                {
                    "name": "area",
                    "type": "number",
                    "label": "Diện tích",
                    "decimals": 1,
                    "unit": "m²",
                },
                {
                    "name": "lines",
                    "type": "multi_choice",
                    "label": "Ngành, nghề kinh doanh",
                    "required": True,
                    "choices": [
                        {"value": "4711", "label": "Bán lẻ"},
                        {"value": "5610", "label": "Nhà hàng"},
                        {"value": "9602", "label": "Cắt tóc"},
                    ],
                    "max": 2,
                },
                {"name": "tax_code", "type": "mst", "label": "Mã số thuế (nếu có)"},
                {
                    "name": "opened_on",
                    "type": "date",
                    "label": "Ngày bắt đầu",
                    "min": "today",
                },
                {
                    "name": "note",
                    "type": "long_text",
                    "label": "Ghi chú",
                    "hint": "Nếu có.",
                    "max_length": 500,
                },
            ],
        },
        {
            "title": "Thành viên hộ gia đình góp vốn",
            "questions": [
                {
                    "name": "members",
                    "type": "group",
                    "label": "Thành viên",
                    "item_label": "Thành viên",
                    "min": 1,
                    "max": 3,
                    "questions": [
                        {
                            "name": "person",
                            "type": "person",
                            "label": "Thành viên",
                            "required": True,
                            "relationship": True,
                        },
                        {
                            "name": "contributes",
                            "type": "yes_no",
                            "label": "Có góp vốn không?",
                            "required": True,
                        },
                        {
                            "name": "amount",
                            "type": "money",
                            "label": "Số vốn góp",
                            "required": True,
                            "show_if": {"question": "contributes", "equals": True},
                        },
                        {"name": "id_card", "type": "cccd", "label": "Số CCCD"},
                    ],
                }
            ],
        },
    ],
}


def sample(definition: dict) -> dict:
    """A deep copy a test may change."""
    return copy.deepcopy(definition)


# Answers to BIRTH as the page forms clean them.
BIRTH_ANSWERS = {
    "child_name": "Nguyễn Văn Bình",
    "child_sex": "nam",
    "child_birth_date": "2026-01-02",
    "birth_place": {
        "province_code": 1,
        "province": "Thành phố Hà Nội",
        "commune_code": 4,
        "commune": "Phường Ba Đình",
        "street": "43 Tràng Thi",
    },
    "mother": {
        "full_name": "Trần Thị Hoa",
        "birth_date": "1990-03-27",
        "id_number": "001190004567",
    },
    "has_father": True,
    "father": {"full_name": "Nguyễn Văn An", "birth_date": "1990-03-27"},
    "relation": "me",
    "copies": 2,
}

BUSINESS_ANSWERS = {
    "business_name": '=HYPERLINK("http://evil.example")',
    "address": {
        "province_code": 1,
        "province": "Thành phố Hà Nội",
        "commune_code": 70,
        "commune": "Phường Hoàn Kiếm",
        "street": "5 Hàng Bạc",
    },
    "capital": 50_000_000,
    "area": 35.5,
    "lines": ["4711", "5610"],
    "members": [
        {
            "person": {
                "full_name": "Nguyễn Văn An",
                "birth_date": "1990-03-27",
                "relationship": "Chủ hộ",
            },
            "contributes": True,
            "amount": 20_000_000,
        },
        {
            "person": {
                "full_name": "Trần Thị Hoa",
                "birth_date": "1991-05-01",
                "relationship": "Vợ",
            },
            "contributes": False,
            "id_card": "001191004567",
        },
    ],
}
