"""Decree 13/2023: a settled question loses its asker's personal data after
the retention period; what the public and the statistics read stays."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from portal.dossiers.models import private_storage
from portal.questions.models import FileSource, Question, QuestionFile
from portal.questions.retention import purge_personal_data
from tests.factories.questions import QuestionFactory, published

pytestmark = pytest.mark.django_db


def attach(question: Question, source: str, name: str) -> QuestionFile:
    stored = QuestionFile(question=question, source=source)
    stored.file.save(
        f"questions/test/{name}", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False
    )
    stored.original_name, stored.size, stored.content_type = name, 8, "image/png"
    stored.sha256 = "0" * 64
    stored.save()
    return stored


def last_changed(question: Question, days_ago: int) -> Question:
    when = timezone.now() - timedelta(days=days_ago)
    Question.objects.filter(pk=question.pk).update(updated_at=when)
    return question


def test_settled_questions_past_retention_lose_the_askers_data(
    settings, django_capture_on_commit_callbacks
):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    old = published(
        body="Tôi là Lê Văn Tám, CCCD 001099012345, ở số 5 Hàng Bạc.",
        public_subject="Giấy tờ khi đăng ký khai sinh",
        public_body="Cần chuẩn bị giấy tờ gì khi đăng ký khai sinh?",
    )
    asker_file = attach(old, FileSource.ASKER, "cccd.png")
    answer_file = attach(old, FileSource.ANSWER, "mau-to-khai.png")
    log(old, "questions.question.answer", data={"note": "Đã gọi anh Tám"})
    last_changed(old, 40)
    recent = last_changed(published(), 10)
    still_open = last_changed(QuestionFactory(), 400)

    with django_capture_on_commit_callbacks(execute=True):
        assert purge_personal_data() == (1, 1)

    old.refresh_from_db()
    assert (old.asker_name, old.asker_email, old.asker_phone, old.body) == (
        ("", "", "", "")
    )
    assert old.anonymised_at is not None
    # The public version, the answer and its file stay.
    assert old.subject == old.public_subject == "Giấy tờ khi đăng ký khai sinh"
    assert old.public_body and old.answer and old.is_public
    assert list(old.files.all()) == [answer_file]
    storage = private_storage()
    assert not storage.exists(asker_file.file.name)
    assert storage.exists(answer_file.file.name)
    notes = [e.data.get("note") for e in ModelLogEntry.objects.for_instance(old)]
    assert notes == [""]
    for untouched in (recent, still_open):
        untouched.refresh_from_db()
        assert untouched.asker_name and untouched.anonymised_at is None
    # Running again finds nothing more; the public page still opens.
    assert purge_personal_data() == (0, 0)


def test_the_daily_command_covers_questions(settings, capsys):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    question = last_changed(published(), 40)
    call_command("purge_personal_data", "--dry-run")
    assert "1 questions (0 files)" in capsys.readouterr().out
    question.refresh_from_db()
    assert question.asker_name
    call_command("purge_personal_data")
    question.refresh_from_db()
    assert question.asker_name == "" and question.anonymised_at is not None
