"""Answering: who may take which step, what each step records (audit log,
e-mail in the asker's language, figures), moderation and publication."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from portal.questions.models import Publication, QuestionStatus
from portal.questions.permissions import can_view, visible_questions
from portal.questions.workflow import STEPS, IllegalStep, allowed_steps, perform
from tests.factories.backoffice import local
from tests.factories.questions import QuestionFactory, answered, published

pytestmark = pytest.mark.django_db
S = QuestionStatus
ANSWER = "<p>Mang theo giấy chứng sinh và căn cước.</p>"


@pytest.fixture
def question(agencies):
    return QuestionFactory(agency=agencies[0])


def steps_for(user, question) -> set[str]:
    return {step.name for step in allowed_steps(user, question)}


def test_officials_see_only_their_agencys_questions(users, agencies, question):
    theirs = QuestionFactory(agency=agencies[1])
    centre = QuestionFactory(agency=None)
    assert set(visible_questions(users["official"])) == {question}
    assert set(visible_questions(users["other_official"])) == {theirs}
    assert set(visible_questions(users["centre"])) == {question, theirs, centre}
    assert set(visible_questions(users["superuser"])) == {question, theirs, centre}
    assert not visible_questions(users["editor"]).exists()
    assert can_view(users["official"], question)
    assert not can_view(users["other_official"], question)
    assert not can_view(users["official"], centre)


def test_steps_offered_by_role(users, question):
    assert steps_for(users["official"], question) == {
        "assign",
        "answer",
        "return_to_centre",
        "mark_duplicate",
    }
    assert steps_for(users["centre"], question) == {"route", "mark_duplicate", "close"}
    assert steps_for(users["other_official"], question) == set()
    assert steps_for(users["editor"], question) == set()
    assert set(STEPS) - {"moderate"} <= steps_for(users["superuser"], question)


def test_centre_staff_answer_questions_about_the_centre(users):
    question = QuestionFactory(agency=None)
    assert "answer" in steps_for(users["centre"], question)
    assert "answer" not in steps_for(users["official"], question)


def test_answer_records_timing_logs_and_emails_in_the_askers_language(
    users, question, django_capture_on_commit_callbacks
):
    question.language = "en"
    question.save()
    with django_capture_on_commit_callbacks(execute=True):
        perform(
            question,
            "answer",
            users["official"],
            answer=ANSWER,
            now=local(2026, 3, 6, 10),
        )
    question.refresh_from_db()
    assert question.status == S.ANSWERED
    assert question.publication == Publication.PENDING
    assert question.answered_by == users["official"]
    assert question.answered_on_time is True  # due 11 March
    assert question.answer_working_days == 4  # received Mon 2, answered Fri 6
    entry = ModelLogEntry.objects.get(action="questions.question.answer")
    assert entry.user == users["official"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == f"Answer to your question {question.reference}"
    assert "Mang theo giấy chứng sinh" in message.body
    assert "<p>" not in message.body


def test_late_answer_is_recorded_as_late(users, question):
    perform(
        question, "answer", users["official"], answer=ANSWER, now=local(2026, 3, 12)
    )
    question.refresh_from_db()
    assert question.answered_on_time is False


def test_empty_answer_is_refused(users, question):
    with pytest.raises(ValidationError) as error:
        perform(question, "answer", users["official"], answer="<p> </p>")
    assert "answer" in error.value.error_dict


def test_another_agencys_official_may_not_act(users, question):
    with pytest.raises(PermissionDenied):
        perform(question, "answer", users["other_official"], answer=ANSWER)
    question.refresh_from_db()
    assert question.status == S.RECEIVED


def test_assign_to_an_official_of_the_agency_only(users, question):
    with pytest.raises(ValidationError):
        perform(question, "assign", users["official"], official=users["other_official"])
    perform(question, "assign", users["official"], official=users["official"])
    question.refresh_from_db()
    assert question.status == S.ASSIGNED
    assert question.assigned_to == users["official"]


def test_misrouted_question_goes_back_to_the_centre_and_on(users, question, agencies):
    with pytest.raises(ValidationError):
        perform(question, "return_to_centre", users["official"])  # no reason
    perform(
        question,
        "return_to_centre",
        users["official"],
        note="Thuộc thẩm quyền Sở Xây dựng",
    )
    question.refresh_from_db()
    assert question.status == S.RETURNED and question.agency is None
    assert not can_view(users["official"], question)
    assert "route" in steps_for(users["centre"], question)
    perform(question, "route", users["centre"], agency=agencies[1])
    question.refresh_from_db()
    assert question.status == S.RECEIVED and question.agency == agencies[1]
    assert can_view(users["other_official"], question)
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(question.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "questions.question.return_to_centre",
        "questions.question.route",
    ]


def test_duplicate_points_to_a_published_answer(
    users, question, agencies, django_capture_on_commit_callbacks
):
    hidden = answered(agency=agencies[0])
    with pytest.raises(ValidationError):
        perform(question, "mark_duplicate", users["official"], duplicate_of=hidden)
    original = published(agency=agencies[0])
    with django_capture_on_commit_callbacks(execute=True):
        perform(question, "mark_duplicate", users["official"], duplicate_of=original)
    question.refresh_from_db()
    assert question.status == S.DUPLICATE and question.duplicate_of == original
    assert question.answered_at is not None and not question.is_public
    assert f"/vi/hoi-dap/{original.pk}/" in mail.outbox[0].body


def test_close_needs_a_reason_and_centre_staff(users, question):
    with pytest.raises(PermissionDenied):
        perform(question, "close", users["official"], note="Spam")
    perform(question, "close", users["centre"], note="Nội dung quảng cáo")
    question.refresh_from_db()
    assert question.status == S.CLOSED


def test_moderation_edits_out_personal_data_and_publishes(users, agencies):
    question = answered(
        agency=agencies[0], body="Tôi là Trần Thị Bích, số 0912345678, hỏi về…"
    )
    with pytest.raises(PermissionDenied):
        perform(question, "moderate", users["official"], publish=True)
    perform(
        question,
        "moderate",
        users["centre"],
        public_subject="Giấy tờ cần mang",
        public_body="Tôi muốn hỏi về giấy tờ cần mang.",
        answer=question.answer,
        publish=True,
        now=local(2026, 3, 6),
    )
    question.refresh_from_db()
    assert question.is_public
    assert question.published_at == local(2026, 3, 6)
    assert "0912345678" not in question.public_body
    entry = ModelLogEntry.objects.get(action="questions.question.moderate")
    assert entry.data["publication"] == Publication.PUBLISHED
    assert "public_body" in entry.data["edited"]
    # Keep private again: gone from the public at once.
    perform(
        question,
        "moderate",
        users["centre"],
        public_subject="Giấy tờ cần mang",
        public_body="Tôi muốn hỏi về giấy tờ cần mang.",
        publish=False,
    )
    question.refresh_from_db()
    assert question.publication == Publication.PRIVATE and not question.is_public


def test_asker_who_refused_publication_stays_private(users, agencies):
    question = answered(agency=agencies[0], allow_publication=False)
    with pytest.raises(ValidationError) as error:
        perform(
            question,
            "moderate",
            users["centre"],
            public_subject="A",
            public_body="B",
            publish=True,
        )
    assert "publish" in error.value.error_dict


def test_steps_from_the_wrong_status_are_refused(users, agencies):
    question = answered(agency=agencies[0])
    with pytest.raises(IllegalStep):
        perform(question, "answer", users["superuser"], answer=ANSWER)
    with pytest.raises(IllegalStep):
        perform(QuestionFactory(agency=agencies[0]), "moderate", users["superuser"])


def test_overdue_questions(agencies):
    late = QuestionFactory(agency=agencies[0], due_date=date(2026, 3, 11))
    done = answered(agency=agencies[0], due_date=date(2026, 3, 11))
    assert late.is_overdue(today=date(2026, 3, 12))
    assert not done.is_overdue(today=date(2026, 3, 12))
    from portal.questions.models import Question

    assert list(Question.objects.overdue(today=date(2026, 3, 12))) == [late]
