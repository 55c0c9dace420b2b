"""E-mails to the asker, always in the language they asked in.

Each is a background task queued in the transaction of the change it tells
about (portal.tasks.enqueue_on_commit), sent and retried like the dossiers'
e-mails (portal.dossiers.emails.deliver). Askers who gave only a phone
number get no e-mail: they follow the question with its reference code.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation
from django_tasks import task

from portal.dossiers.emails import deliver
from portal.http import public_url
from portal.tasks import enqueue_on_commit


def follow_url(question) -> str:
    """The follow page with the reference filled in (never the verification code)."""
    with translation.override(question.language):
        path = reverse("questions:follow")
    return public_url(f"{path}?{urlencode({'reference': question.reference})}")


def question_url(question, language: str | None = None) -> str:
    """The public page of a published question, in `language` (default: its own)."""
    with translation.override(language or question.language):
        return public_url(reverse("questions:detail", args=[question.pk]))


def _question(question_id: int):
    from .models import Question

    return (
        Question.objects.select_related("agency", "duplicate_of")
        .filter(pk=question_id)
        .first()
    )


@task()
def receipt_email_task(question_id: int, attempt: int = 0) -> bool:
    """The reference code, the verification code and the due date."""
    question = _question(question_id)
    if question is None or not question.asker_email:
        return False
    context = {"question": question, "follow_url": follow_url(question)}
    return deliver(
        receipt_email_task,
        attempt,
        (question_id,),
        "questions/email/receipt",
        context,
        question.asker_email,
        question.language,
    )


@task()
def answered_email_task(question_id: int, attempt: int = 0) -> bool:
    """The answer (or the published answer this question repeats)."""
    from .queries import label_agencies

    question = _question(question_id)
    if question is None or not question.asker_email:
        return False
    label_agencies([question])
    context = {
        "question": question,
        "follow_url": follow_url(question),
        "duplicate_url": question_url(question.duplicate_of, question.language)
        if question.duplicate_of_id
        else "",
    }
    return deliver(
        answered_email_task,
        attempt,
        (question_id,),
        "questions/email/answered",
        context,
        question.asker_email,
        question.language,
    )


def send_receipt_email(question) -> None:
    """Queue the receipt (call inside the transaction that stores the question)."""
    if question.asker_email:
        enqueue_on_commit(receipt_email_task, question.pk)


def send_answered_email(question) -> None:
    """Queue the answer (call inside the transaction that records it)."""
    if question.asker_email:
        enqueue_on_commit(answered_email_task, question.pk)
