"""The investor roadmap page: the critical path as a range with its
assumptions in words, conditions an investor can tick (a plain GET form, so no
JavaScript is needed), and figures in both languages."""

import json
import re
import uuid

import pytest

from tests.factories.site import InvestmentGuidePageFactory, InvestmentIndexPageFactory

pytestmark = pytest.mark.django_db

# (relation, condition, alternative_to, parallel_with) per roadmap procedure:
# the demo roadmap's shape (see tests/site/test_roadmap_plan.py).
RELATIONS = [
    ("conditional", "Dự án phải chấp thuận chủ trương đầu tư", None, None),
    ("alternative", "", 1, None),
    ("required", "", None, None),
    ("conditional", "Dự án phải có giấy phép môi trường", None, 3),
    ("required", "", None, None),
    ("conditional", "Công trình thuộc danh mục phải thẩm duyệt PCCC", None, None),
    ("conditional", "Thành lập doanh nghiệp mới", None, 3),
]


def roadmap_body(procedures) -> str:
    steps = []
    for number, (procedure, relation) in enumerate(
        zip(procedures, RELATIONS, strict=True), start=1
    ):
        kind, condition, alternative_to, parallel_with = relation
        steps.append(
            {
                "type": "item",
                "id": str(uuid.uuid4()),
                "value": {
                    "title": f"Bước {number}",
                    "text": "",
                    "procedure": procedure.pk,
                    "relation": kind,
                    "condition": condition,
                    "alternative_to": alternative_to,
                    "parallel_with": parallel_with,
                },
            }
        )
    return json.dumps(
        [
            {
                "type": "journey",
                "id": "roadmap",
                "value": {"title": "Lộ trình", "intro": "", "steps": steps},
            }
        ],
        ensure_ascii=False,
    )


@pytest.fixture
def guide(site_tree, roadmap_procedures):
    home, _catalogue = site_tree
    section = InvestmentIndexPageFactory(parent=home)
    return InvestmentGuidePageFactory(
        parent=section, body=roadmap_body(roadmap_procedures)
    )


def test_range_with_assumptions(client, guide, roadmap_procedures):
    days = [int(p.processing_time_days) for p in roadmap_procedures]
    shortest = days[1] + days[2] + days[4]
    longest = days[0] + max(days[2], days[3], days[6]) + days[4] + days[5]
    html = client.get(guide.url).content.decode()
    assert f"Từ {shortest} đến {longest} ngày làm việc" in html
    # Not the plain sum of every step (130.5 days).
    assert "130,5" not in html and "130.5" not in html
    # Assumptions in words: what each end takes for granted.
    assert "Dự án phải chấp thuận chủ trương đầu tư" in html
    assert "song song" in html  # steps that run alongside are said to


def test_ticking_conditions_changes_the_total_without_javascript(
    client, guide, roadmap_procedures
):
    days = [int(p.processing_time_days) for p in roadmap_procedures]
    html = client.get(guide.url).content.decode()
    form = re.search(r'<form class="journey__form"[^>]*>.*?</form>', html, re.S).group(
        0
    )
    assert 'method="get"' in form
    boxes = re.findall(r'<input type="checkbox" name="([^"]+)" value="([^"]+)"', form)
    assert len(boxes) == 4, form
    name = boxes[0][0]
    # Tick only "policy approval": policy replaces the certificate.
    response = client.get(guide.url, {f"{name}-sent": "1", name: boxes[0][1]})
    html = response.content.decode()
    total = days[0] + days[2] + days[4]
    assert f"Với lựa chọn của bạn: {total} ngày làm việc" in html
    assert re.search(rf'value="{boxes[0][1]}"[^>]*checked', html)


def test_english_figures(client, guide, roadmap_procedures, en, home_en):
    from demo.site import translate_page

    guide_en = translate_page(guide, en, title="Investor roadmap")
    html = client.get(guide_en.url).content.decode()
    days = [int(p.processing_time_days) for p in roadmap_procedures]
    shortest = days[1] + days[2] + days[4]
    assert f"{shortest} to " in html and "working days" in html
    assert "Ngày làm việc" not in html and "ngày làm việc" not in html
