"""Publishing: the procedure page's section, the Q&A index (filters, pages),
question pages with QAPage data, the sitemap and the API; and, for each of
them, that unanswered, private or unmoderated questions never show."""

import json
import re

import pytest

from portal.questions.models import Publication
from tests.factories.questions import QuestionFactory, answered, published

pytestmark = pytest.mark.django_db

SECRET = "Bímật"  # a word only hidden questions contain


@pytest.fixture
def hidden(procedure, agencies):
    """Questions that must never be public: unanswered, awaiting moderation,
    kept private, and a duplicate."""
    common = {
        "procedure": procedure,
        "procedure_code": procedure.code,
        "agency": agencies[0],
    }
    original = published(subject="Câu hỏi gốc", **common)
    return [
        QuestionFactory(subject=f"{SECRET} chưa trả lời", **common),
        answered(subject=f"{SECRET} chờ biên tập", **common),
        answered(
            subject=f"{SECRET} riêng tư",
            publication=Publication.PRIVATE,
            public_subject=f"{SECRET} riêng tư",
            public_body=f"{SECRET} nội dung",
            **common,
        ),
        answered(
            subject=f"{SECRET} trùng",
            status="duplicate",
            duplicate_of=original,
            publication=Publication.PUBLISHED,  # never public: not "answered"
            public_subject=f"{SECRET} trùng",
            public_body=f"{SECRET}",
            **common,
        ),
    ]


@pytest.fixture
def visible(procedure, agencies):
    return published(
        procedure=procedure,
        procedure_code=procedure.code,
        agency=agencies[0],
        sector=procedure.sector,
        subject="Tôi hỏi về Nguyễn Văn A",  # as asked: private
        public_subject="Đăng ký khai sinh cho con ở nơi tạm trú",
        public_body="Tôi có thể đăng ký khai sinh cho con ở nơi tạm trú không?",
        answer="<p>Được, tại UBND cấp xã nơi cư trú của cha hoặc mẹ.</p>",
    )


def test_procedure_page_shows_published_questions_newest_first(
    client, procedure, visible, hidden, agencies
):
    newer = published(
        procedure=procedure,
        procedure_code=procedure.code,
        agency=agencies[0],
        public_subject="Câu hỏi mới hơn",
        published_at=visible.published_at.replace(year=2027),
    )
    html = client.get(procedure.url).content.decode()
    assert "Hỏi đáp" in html
    assert html.index("Câu hỏi mới hơn") < html.index(visible.public_subject)
    assert f"/vi/hoi-dap/?procedure={procedure.code}" in html
    assert SECRET not in html
    assert "Nguyễn Văn A" not in html and newer.asker_name not in html


def test_index_lists_only_public_questions_with_filters(
    client, visible, hidden, other_procedure, agencies
):
    other = published(
        procedure=other_procedure,
        procedure_code=other_procedure.code,
        agency=agencies[1],
        public_subject="Giấy phép xây dựng nhà ở",
    )
    html = client.get("/vi/hoi-dap/").content.decode()
    assert visible.public_subject in html and other.public_subject in html
    assert SECRET not in html and visible.asker_name not in html
    by_agency = client.get(f"/vi/hoi-dap/?agency={agencies[1].slug}").content.decode()
    assert other.public_subject in by_agency
    assert visible.public_subject not in by_agency
    by_code = client.get("/vi/hoi-dap/?procedure=1.001193").content.decode()
    assert visible.public_subject in by_code and other.public_subject not in by_code
    by_sector = client.get(
        f"/vi/hoi-dap/?sector={visible.sector.slug}"
    ).content.decode()
    assert visible.public_subject in by_sector


def test_index_paginates_and_explains_bad_parameters(client, procedure, agencies):
    for number in range(23):
        published(agency=agencies[0], public_subject=f"Câu hỏi công khai {number:02d}")
    first = client.get("/vi/hoi-dap/").content.decode()
    assert first.count("card question-card") == 20
    second = client.get("/vi/hoi-dap/?page=2").content.decode()
    assert second.count("card question-card") == 3
    bad = client.get("/vi/hoi-dap/?page=0&sector=<script>")
    assert bad.status_code == 200
    assert "Có lỗi cần sửa" in bad.content.decode()
    assert "<script>" not in bad.content.decode()


def test_index_is_cacheable(client, visible):
    response = client.get("/vi/hoi-dap/")
    assert "s-maxage" in response["Cache-Control"]
    assert not response.cookies


def test_question_page_in_its_language_with_qapage_data(client, visible):
    response = client.get(f"/en/hoi-dap/{visible.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "s-maxage" in response["Cache-Control"]
    assert f'lang="vi">{visible.public_subject}' in html
    assert "In Vietnamese" in html
    assert (
        f'<link rel="canonical" href="http://testserver/vi/hoi-dap/{visible.pk}/">'
        in html
    )
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "QAPage"
    assert data["mainEntity"]["name"] == visible.public_subject
    assert data["mainEntity"]["acceptedAnswer"]["text"].startswith("Được, tại UBND")
    assert "Nguyễn" not in json.dumps(data, ensure_ascii=False)


def test_hidden_questions_have_no_page(client, hidden):
    for question in hidden:
        assert client.get(f"/vi/hoi-dap/{question.pk}/").status_code == 404


def test_sitemap_lists_public_questions_only(client, visible, hidden):
    xml = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver/vi/hoi-dap/{visible.pk}/" in xml
    for question in hidden:
        assert f"/hoi-dap/{question.pk}/" not in xml


def test_api_returns_published_answered_questions_only(client, visible, hidden):
    response = client.get("/api/questions/?procedure=1.001193")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2  # the visible one and the duplicates' original
    record = next(r for r in data["results"] if r["id"] == visible.pk)
    assert set(record) >= {
        "id",
        "procedure",
        "question",
        "answer",
        "agency",
        "asked_at",
        "answered_at",
        "url",
    }
    assert record["procedure"] == "1.001193"
    assert record["question"] == visible.public_body
    assert record["answer"] == "Được, tại UBND cấp xã nơi cư trú của cha hoặc mẹ."
    assert record["agency"] == "Sở Tư pháp"
    assert record["url"] == f"http://testserver/vi/hoi-dap/{visible.pk}/"
    body = response.content.decode()
    assert SECRET not in body
    assert visible.asker_name not in body and visible.asker_email not in body
    assert visible.asker_phone not in body and visible.verification_code not in body


def test_api_question_without_procedure_is_null(client, agencies):
    centre = published(agency=None, topic="centre")
    record = client.get("/api/questions/").json()["results"][0]
    assert record["id"] == centre.pk and record["procedure"] is None


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=abc",
        "page_size=101",
        "page_size=0",
        "sector=%3Cscript%3E",
        "agency=a%20b",
        "procedure=%00",
        "page=99999999999999999999",
    ],
)
def test_api_bad_parameters_give_400_json(client, query):
    response = client.get(f"/api/questions/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]


def test_api_pages(client, agencies):
    for number in range(5):
        published(agency=agencies[0], public_subject=f"Câu {number}")
    data = client.get("/api/questions/?page=2&page_size=2").json()
    assert data["count"] == 5 and len(data["results"]) == 2
    assert client.get("/api/questions/?page=9&page_size=2").json()["results"] == []
