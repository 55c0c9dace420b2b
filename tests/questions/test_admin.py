"""The admin screens: listing scoped by role, the question page, the step
forms (posted as the browser posts them), downloads, the dashboard panel."""

import csv
import io
import json
from datetime import date

import pytest
from django.core.files.base import ContentFile
from wagtail.models import ModelLogEntry

from portal.questions.models import FileSource, QuestionFile, QuestionStatus
from tests.backoffice.test_admin_views import denied
from tests.factories.questions import QuestionFactory, answered

pytestmark = pytest.mark.django_db


def draftail(text: str) -> str:
    """What the rich-text editor posts for one paragraph."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "text": text,
                    "type": "unstyled",
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                }
            ],
            "entityMap": {},
        }
    )


@pytest.fixture
def mine(agencies):
    return QuestionFactory(agency=agencies[0], subject="Hỏi về lệ phí khai sinh")


@pytest.fixture
def theirs(agencies):
    return QuestionFactory(agency=agencies[1], subject="Hỏi về giấy phép xây dựng")


def test_listing_shows_only_the_officials_questions(client, users, mine, theirs):
    client.force_login(users["official"])
    html = client.get("/admin/hoi-dap/").content.decode()
    assert mine.reference in html and theirs.reference not in html
    client.force_login(users["centre"])
    html = client.get("/admin/hoi-dap/").content.decode()
    assert mine.reference in html and theirs.reference in html
    client.force_login(users["editor"])
    assert denied(client.get("/admin/hoi-dap/"))


def test_question_page_and_steps_are_refused_to_other_agencies(client, users, mine):
    client.force_login(users["other_official"])
    assert denied(client.get(f"/admin/hoi-dap/{mine.pk}/"))
    url = f"/admin/hoi-dap/{mine.pk}/thao-tac/answer/"
    assert denied(client.get(url))
    assert denied(client.post(url, {"answer": draftail("x")}))
    mine.refresh_from_db()
    assert mine.status == QuestionStatus.RECEIVED


def test_official_answers_through_the_form(client, users, mine):
    client.force_login(users["official"])
    page = client.get(f"/admin/hoi-dap/{mine.pk}/").content.decode()
    assert mine.asker_name in page  # officials see who asked
    assert f"/admin/hoi-dap/{mine.pk}/thao-tac/answer/" in page
    response = client.post(
        f"/admin/hoi-dap/{mine.pk}/thao-tac/answer/",
        {
            "answer": draftail("Lệ phí đăng ký khai sinh đúng hạn được miễn."),
            "note": "",
        },
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == QuestionStatus.ANSWERED
    assert "Lệ phí đăng ký khai sinh" in mine.answer
    history = client.get(f"/admin/hoi-dap/{mine.pk}/").content.decode()
    assert "Trả lời" in history


def test_an_empty_answer_comes_back_with_an_error(client, users, mine):
    client.force_login(users["official"])
    response = client.post(
        f"/admin/hoi-dap/{mine.pk}/thao-tac/answer/", {"answer": draftail("")}
    )
    assert response.status_code == 200
    mine.refresh_from_db()
    assert mine.status == QuestionStatus.RECEIVED


def test_sending_back_leaves_the_officials_listing(client, users, mine):
    client.force_login(users["official"])
    response = client.post(
        f"/admin/hoi-dap/{mine.pk}/thao-tac/return_to_centre/",
        {"note": "Không thuộc thẩm quyền"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/hoi-dap/"
    mine.refresh_from_db()
    assert mine.agency is None and mine.status == QuestionStatus.RETURNED


def test_centre_moderates_and_publishes(client, users, agencies):
    question = answered(agency=agencies[0])
    client.force_login(users["centre"])
    form = client.get(f"/admin/hoi-dap/{question.pk}/thao-tac/moderate/")
    assert question.subject in form.content.decode()  # prefilled
    response = client.post(
        f"/admin/hoi-dap/{question.pk}/thao-tac/moderate/",
        {
            "public_subject": "Giấy tờ khi đăng ký khai sinh",
            "public_body": "Cần chuẩn bị giấy tờ gì?",
            "answer": draftail("Giấy chứng sinh và căn cước của người đi đăng ký."),
            "publish": "publish",
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.is_public
    assert client.get(f"/vi/hoi-dap/{question.pk}/").status_code == 200


def test_files_download_only_for_those_who_may_see_and_are_logged(client, users, mine):
    stored = QuestionFile(question=mine, source=FileSource.ASKER)
    stored.file.save(
        "questions/test/x.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False
    )
    stored.original_name, stored.size, stored.content_type = "anh.png", 8, "image/png"
    stored.sha256 = "0" * 64
    stored.save()
    url = f"/admin/hoi-dap/{mine.pk}/tep/{stored.pk}/"
    client.force_login(users["other_official"])
    assert denied(client.get(url))
    client.force_login(users["official"])
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert (
        ModelLogEntry.objects.filter(action="questions.question.download").count() == 1
    )


def test_dashboard_flags_overdue_questions(client, users, agencies):
    QuestionFactory(
        agency=agencies[0], due_date=date(2020, 1, 6), subject="Quá hạn rồi"
    )
    QuestionFactory(
        agency=agencies[1], due_date=date(2020, 1, 6), subject="Của sở khác"
    )
    client.force_login(users["official"])
    html = client.get("/admin/").content.decode()
    assert "Câu hỏi cần trả lời" in html
    assert "Quá hạn rồi" in html and "Của sở khác" not in html
    overdue = client.get("/admin/hoi-dap/?deadline=overdue").content.decode()
    assert "Quá hạn rồi" in overdue


def test_export_has_no_contact_details_and_no_formulas(client, users, mine, theirs):
    QuestionFactory(agency=mine.agency, subject='=HYPERLINK("http://x")')
    client.force_login(users["official"])
    response = client.get("/admin/hoi-dap/", {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert mine.reference in cells and theirs.reference not in text
    assert '\'=HYPERLINK("http://x")' in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    assert mine.asker_email not in text and mine.asker_phone not in text
