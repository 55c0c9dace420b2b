"""Factories for questions: a received one by default; `published()` and
`answered()` give the other states the tests need."""

from datetime import date, timedelta

import factory
from factory.django import DjangoModelFactory

from portal.questions.models import (
    Publication,
    Question,
    QuestionKind,
    QuestionStatus,
    Topic,
)
from tests.factories.backoffice import local


class QuestionFactory(DjangoModelFactory):
    """A question received on Monday 2 March 2026 at 09:00, due seven working days later."""

    class Meta:
        model = Question

    reference = factory.Sequence(lambda n: f"HD-260302-{n + 1:04d}")
    kind = QuestionKind.QUESTION
    topic = Topic.PROCEDURE
    language = "vi"
    subject = factory.Sequence(lambda n: f"Câu hỏi số {n} về giấy tờ")
    body = "Tôi cần chuẩn bị những giấy tờ gì để nộp hồ sơ?"
    asker_name = "Trần Thị Bích"
    asker_email = "nguoi.hoi@example.vn"
    asker_phone = "0912345678"
    received_at = factory.LazyFunction(lambda: local(2026, 3, 2))
    due_date = date(2026, 3, 11)


def answered(**kwargs) -> Question:
    """An answered question waiting for moderation."""
    kwargs.setdefault("status", QuestionStatus.ANSWERED)
    kwargs.setdefault("answer", "<p>Ông/bà chuẩn bị tờ khai và giấy tờ tùy thân.</p>")
    kwargs.setdefault("answered_at", local(2026, 3, 5, 15))
    kwargs.setdefault("answered_on_time", True)
    kwargs.setdefault("answer_working_days", 3)
    return QuestionFactory(**kwargs)


def published(**kwargs) -> Question:
    """An answered, published question (what the public may read)."""
    question = answered(publication=Publication.PUBLISHED, **kwargs)
    question.public_subject = question.public_subject or question.subject
    question.public_body = question.public_body or question.body
    question.published_at = question.published_at or (
        question.answered_at + timedelta(hours=1)
    )
    question.save()
    return question
