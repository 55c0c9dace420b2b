"""Due-date reminders (`warn_due_questions`, a workday job): each agency's
officials are e-mailed once per due date about their open questions that are
overdue or due soon; re-routing reminds the new agency."""

import io
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from portal.periodic import JOBS
from portal.questions.workflow import perform
from tests.factories.questions import QuestionFactory, answered

pytestmark = pytest.mark.django_db


def sent_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def test_officials_are_reminded_once_per_due_date(users, agencies):
    today = timezone.localdate()
    late = QuestionFactory(
        agency=agencies[0], due_date=date(2026, 3, 11), subject="Quá hạn"
    )
    QuestionFactory(agency=agencies[0], due_date=today, subject="Hạn hôm nay")
    QuestionFactory(agency=agencies[0], due_date=date(2099, 1, 5), subject="Còn xa")
    answered(agency=agencies[0], due_date=date(2026, 3, 11), subject="Đã trả lời")
    QuestionFactory(agency=None, due_date=date(2026, 3, 11), subject="Của trung tâm")
    QuestionFactory(agency=agencies[1], due_date=today, subject="Của sở khác")

    call_command("warn_due_questions", "--days", "2", stdout=io.StringIO())

    own = sent_to(users["official"].email)
    assert len(own) == 1
    assert "Sở Tư pháp" in own[0].subject
    body = own[0].body
    assert "Quá hạn" in body and "Hạn hôm nay" in body
    assert "Còn xa" not in body and "Đã trả lời" not in body
    assert "Của sở khác" not in body and "Của trung tâm" not in body
    assert f"/admin/hoi-dap/{late.pk}/" in body
    assert len(sent_to(users["other_official"].email)) == 1
    assert not sent_to(users["centre"].email)

    mail.outbox.clear()
    call_command("warn_due_questions", "--days", "2", stdout=io.StringIO())
    assert mail.outbox == []

    # Routed to the other agency: its officials are told about it.
    perform(late, "route", users["centre"], agency=agencies[1])
    call_command("warn_due_questions", "--days", "2", stdout=io.StringIO())
    other = sent_to(users["other_official"].email)
    assert len(other) == 1 and late.reference in other[0].body


def test_dry_run_sends_nothing_and_the_worker_runs_it_each_workday(
    users, agencies, capsys
):
    QuestionFactory(agency=agencies[0], due_date=date(2026, 3, 11))
    call_command("warn_due_questions", "--dry-run")
    assert mail.outbox == []
    assert "1 overdue, 0 due soon → 1 recipient(s)" in capsys.readouterr().out
    assert ("warn_due_questions",) in JOBS["workday"]
