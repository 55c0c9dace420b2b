"""Emails to citizens, always in the dossier's (or draft's) language.

Every e-mail is a background task queued in the transaction of the change it
tells about (portal.tasks.enqueue_on_commit): it is sent by the worker, never
inside the citizen's or official's request, never lost once the change is
committed and never sent for a change that was rolled back. A mail server
that is down makes the task retry with growing pauses.

The submission calls `send_receipt_email(dossier)`, the back office
`notify_status_change(dossier, event)` for every status change it records,
the wizard `send_resume_link(draft, email)`.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from portal.http import public_url
from portal.tasks import enqueue_on_commit, retry_later

from .models import Dossier, DossierDraft, StatusEvent
from .public_status import tracking_url
from .receipt import centre_for, where_to_collect
from .results import result_files

logger = logging.getLogger(__name__)


def _send(template: str, context: dict, to: str, language: str) -> None:
    """Render and send one e-mail; a mail server error is raised (OSError).

    `template` names a pair under dossiers/email/ ("receipt"), or is a path
    of another app's pair ("questions/email/answered").
    """
    path = template if "/" in template else f"dossiers/email/{template}"
    with translation.override(language):
        subject = " ".join(render_to_string(f"{path}_subject.txt", context).split())
        body = render_to_string(f"{path}.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def _deliver(
    task,
    attempt: int,
    args: tuple,
    template: str,
    context: dict,
    to: str,
    language: str,
) -> bool:
    """Send, or queue `task(*args)` again later when the mail server fails."""
    try:
        _send(template, context, to, language)
    except OSError:
        logger.exception(
            "Could not send %s email to %s (attempt %s)", template, to, attempt + 1
        )
        if not retry_later(task, attempt, *args):
            logger.error("Gave up sending %s email to %s", template, to)
        return False
    return True


# Other apps' e-mail tasks send and retry the same way.
deliver = _deliver


@task()
def receipt_email_task(dossier_id: int, attempt: int = 0) -> bool:
    """The receipt: code, verification code, appointment date and tracking link."""
    dossier = Dossier.objects.select_related("agency").filter(pk=dossier_id).first()
    if dossier is None or not dossier.applicant_email:
        return False
    with translation.override(dossier.language):
        context = {"dossier": dossier, "tracking_url": tracking_url(dossier)}
    return _deliver(
        receipt_email_task,
        attempt,
        (dossier_id,),
        "receipt",
        context,
        dossier.applicant_email,
        dossier.language,
    )


@task()
def status_email_task(dossier_id: int, event_id: int, attempt: int = 0) -> bool:
    """Tell the citizen about a status change."""
    dossier = Dossier.objects.select_related("agency").filter(pk=dossier_id).first()
    event = StatusEvent.objects.filter(pk=event_id).first()
    if dossier is None or event is None or not dossier.applicant_email:
        return False
    with translation.override(dossier.language):
        context = {
            "dossier": dossier,
            "event": event,
            "tracking_url": tracking_url(dossier),
            # When the result is ready: where it is, and how many files wait online.
            "collect": where_to_collect(dossier, centre_for()),
            "result_count": result_files(dossier).count(),
        }
    return _deliver(
        status_email_task,
        attempt,
        (dossier_id, event_id),
        "status_change",
        context,
        dossier.applicant_email,
        dossier.language,
    )


@task()
def resume_link_task(draft_id: int, email: str, attempt: int = 0) -> bool:
    """The link that continues a draft on any device for 30 days."""
    from django.urls import reverse

    draft = DossierDraft.objects.select_related("procedure").filter(pk=draft_id).first()
    if draft is None:
        return False
    with translation.override(draft.language):
        url = public_url(
            reverse("dossiers:resume", kwargs={"token": draft.resume_token})
        )
    context = {"draft": draft, "resume_url": url, "procedure": draft.procedure}
    return _deliver(
        resume_link_task,
        attempt,
        (draft_id, email),
        "resume_link",
        context,
        email,
        draft.language,
    )


def send_receipt_email(dossier: Dossier) -> None:
    """Queue the receipt e-mail (call inside the submission's transaction)."""
    if dossier.applicant_email:
        enqueue_on_commit(receipt_email_task, dossier.pk)


def notify_status_change(dossier: Dossier, event: StatusEvent) -> None:
    """Queue the status e-mail (call inside the transaction that records `event`)."""
    if dossier.applicant_email:
        enqueue_on_commit(status_email_task, dossier.pk, event.pk)


def send_resume_link(draft: DossierDraft, email: str) -> bool:
    """Queue the resume link to `email`; False when there is no address."""
    if not email:
        return False
    enqueue_on_commit(resume_link_task, draft.pk, email)
    return True
