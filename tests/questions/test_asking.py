"""Asking: the form from a procedure page and from the general page, routing
to the responsible agency, the due date in working days, the reference code,
protection (honeypot, rate limit, length), the attachment, the receipt."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry, Site

from portal.dossiers.calendar import WorkingCalendar
from portal.questions.limits import ASK_SCOPE
from portal.questions.models import FileSource, Question, QuestionSettings, Topic
from portal.questions.services import due_date_for
from portal.security.ratelimit import rate_for
from tests.factories.backoffice import local

from .conftest import form_data, png

pytestmark = pytest.mark.django_db


def test_procedure_page_links_to_the_prefilled_form(client, procedure):
    html = client.get(procedure.url).content.decode()
    assert "/vi/hoi-dap/dat-cau-hoi/?procedure=1.001193" in html
    assert "Hỏi về thủ tục này" in html
    form = client.get("/vi/hoi-dap/dat-cau-hoi/?procedure=1.001193")
    page = form.content.decode()
    assert form.status_code == 200
    assert 'value="1.001193"' in page
    assert "Đăng ký khai sinh" in page
    assert form["Referrer-Policy"] == "same-origin"
    assert "no-store" in form["Cache-Control"]


def test_question_goes_to_the_procedures_agency_with_a_due_date(
    ask, procedure, agencies
):
    response, question = ask()
    assert response.status_code == 303
    assert question is not None
    assert response["Location"] == f"/vi/hoi-dap/da-gui/{question.reference}/"
    assert question.agency == agencies[0]
    assert question.procedure == procedure
    assert question.procedure_code == "1.001193"
    assert question.topic == Topic.PROCEDURE
    assert question.language == "vi"
    assert question.asker_phone == "0912345678"  # normalised by the dossiers' rule
    assert question.reference.startswith("HD-")
    assert len(question.verification_code) == 8
    assert question.due_date > question.received_at.date()
    assert ModelLogEntry.objects.filter(action="questions.question.ask").count() == 1


def test_asked_in_english_from_the_english_form(ask, procedure):
    _response, question = ask(language="en")
    assert question.language == "en"
    assert mail.outbox[0].subject == f"Question {question.reference} received"


def test_receipt_email_carries_both_codes_in_the_askers_language(ask, procedure):
    _response, question = ask()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["le.van.tam@example.vn"]
    assert question.reference in message.subject
    assert question.verification_code in message.body
    assert "Mã tra cứu" in message.body
    # The link fills in the reference only, never the verification code.
    assert f"/vi/hoi-dap/theo-doi/?reference={question.reference}" in message.body
    assert f"verify={question.verification_code}" not in message.body


def test_phone_only_is_enough_and_sends_no_email(ask, procedure):
    _response, question = ask(asker_email="")
    assert question is not None
    assert mail.outbox == []


def test_topic_routes_to_agency_sector_or_centre(
    ask, procedure, other_procedure, agencies, sector
):
    _r, by_agency = ask(topic="agency", procedure="", agency=str(agencies[1].pk))
    assert by_agency.agency == agencies[1] and by_agency.procedure is None
    _r, centre = ask(topic="centre", procedure="")
    assert centre.agency is None and centre.with_centre
    # The sector's main agency: the one with most live procedures in it.
    ProcedureFactory = type(other_procedure).objects  # noqa: N806 - a manager
    assert ProcedureFactory.filter(sector=sector).count() == 2
    _r, by_sector = ask(topic="sector", procedure="", sector=str(sector.pk))
    assert by_sector.sector == sector
    assert by_sector.agency in agencies


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"asker_email": "", "asker_phone": ""}, "asker_email", "Hãy cho biết"),
        ({"asker_phone": "12345"}, "asker_phone", "số điện thoại di động"),
        ({"procedure": ""}, "procedure", "Hãy cho biết mã thủ tục"),
        ({"procedure": "9.999999"}, "procedure", "Không có thủ tục nào có mã 9.999999"),
        ({"topic": "agency", "procedure": ""}, "agency", "Hãy chọn cơ quan"),
        ({"body": "x" * 4001}, "body", "4000"),
        ({"subject": ""}, "subject", "bắt buộc"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_lost(
    client, procedure, overrides, field, message
):
    data = form_data(**overrides)
    response = client.post("/vi/hoi-dap/dat-cau-hoi/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Có lỗi cần sửa" in page or "There is a problem" in page
    assert message in page
    assert f'href="#id_{field}"' in page
    assert "Lê Văn Tám" in page  # what was typed stays
    assert Question.objects.count() == 0


def test_honeypot_stores_nothing(ask, procedure):
    response, question = ask(website="http://spam.example")
    assert response.status_code == 200
    assert question is None
    assert mail.outbox == []


def test_rate_limit_keeps_what_was_typed(client, procedure):
    data = form_data(asker_phone="", asker_email="bad")  # invalid: nothing stored
    for _ in range(int(rate_for(ASK_SCOPE).split("/")[0])):
        assert client.post("/vi/hoi-dap/dat-cau-hoi/", data).status_code == 200
    response = client.post("/vi/hoi-dap/dat-cau-hoi/", form_data())
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "Lê Văn Tám" in page and "Giấy tờ cần mang" in page
    assert Question.objects.count() == 0


def test_attachment_is_checked_stored_privately_and_kept_through_an_error(
    client, ask, procedure
):
    first = client.post(
        "/vi/hoi-dap/dat-cau-hoi/",
        {**form_data(asker_email="", asker_phone=""), "attachment": png()},
    )
    page = first.content.decode()
    assert "anh-chup.png" in page  # kept: no need to choose it again
    response, question = ask()  # the same browser sends the corrected form
    assert response.status_code == 303
    stored = question.files.get()
    assert stored.source == FileSource.ASKER
    assert stored.content_type == "image/png"
    assert stored.original_name == "anh-chup.png"
    assert "anh-chup" not in stored.file.name  # our own name on disk
    assert stored.file.storage.exists(stored.file.name)


def test_a_file_that_is_not_a_pdf_or_image_is_refused(client, procedure):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    response = client.post(
        "/vi/hoi-dap/dat-cau-hoi/", {**form_data(), "attachment": fake}
    )
    assert response.status_code == 200
    assert "virus.pdf" in response.content.decode()
    assert Question.objects.count() == 0


def test_removing_the_kept_file_does_not_send(client, procedure):
    client.post(
        "/vi/hoi-dap/dat-cau-hoi/",
        {**form_data(asker_email="", asker_phone=""), "attachment": png()},
    )
    response = client.post(
        "/vi/hoi-dap/dat-cau-hoi/", {**form_data(), "remove_file": "1"}
    )
    assert response.status_code == 200
    assert "anh-chup.png" not in response.content.decode()
    assert Question.objects.count() == 0


def test_confirmation_shows_codes_to_the_asking_browser_only(client, ask, procedure):
    response, question = ask()
    page = client.get(response["Location"])
    html = page.content.decode()
    assert question.reference in html and question.verification_code in html
    assert page["Referrer-Policy"] == "no-referrer"
    stranger = client.__class__()
    assert stranger.get(response["Location"]).status_code == 404


def test_due_date_counts_working_days_from_the_setting(site_tree):
    calendar = WorkingCalendar(days_off=frozenset({date(2026, 3, 9)}))
    # Received Friday 6 March 2026 at 10:00; 7 working days from Monday,
    # Monday 9 March being a day off: 10, 11, 12, 13, 16, 17, 18.
    assert due_date_for(local(2026, 3, 6, 10), 7, calendar) == date(2026, 3, 18)
    # After the cut-off hour the question counts from the next working day.
    assert due_date_for(local(2026, 3, 6, 17), 1, calendar) == date(2026, 3, 11)
    setting = QuestionSettings.for_site(Site.objects.get(is_default_site=True))
    setting.answer_working_days = 3
    setting.save()
    assert due_date_for(local(2026, 3, 6, 10), calendar=calendar) == date(2026, 3, 12)
    assert Decimal(setting.answer_working_days) == 3
