"""Emails to citizens, always in the dossier's (or draft's) language.

The back office calls `notify_status_change(dossier, event)` after every status
change it records.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from portal.http import public_url

from .models import Dossier, DossierDraft, StatusEvent
from .public_status import tracking_url

logger = logging.getLogger(__name__)


def _send(template: str, context: dict, to: str, language: str) -> bool:
    if not to:
        return False
    with translation.override(language):
        subject = " ".join(
            render_to_string(f"dossiers/email/{template}_subject.txt", context).split()
        )
        body = render_to_string(f"dossiers/email/{template}.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    except OSError:
        # A mail server that is down must not undo a submission or a status change.
        logger.exception("Could not send %s email to %s", template, to)
        return False
    return True


def send_receipt_email(dossier: Dossier) -> bool:
    """The receipt: code, verification code, appointment date and tracking link."""
    with translation.override(dossier.language):
        context = {"dossier": dossier, "tracking_url": tracking_url(dossier)}
    return _send("receipt", context, dossier.applicant_email, dossier.language)


def notify_status_change(dossier: Dossier, event: StatusEvent) -> bool:
    """Tell the citizen about a status change (call after the change is committed)."""
    with translation.override(dossier.language):
        context = {
            "dossier": dossier,
            "event": event,
            "tracking_url": tracking_url(dossier),
        }
    return _send("status_change", context, dossier.applicant_email, dossier.language)


def send_resume_link(draft: DossierDraft, email: str) -> bool:
    """The link that continues a draft on any device for 30 days."""
    from django.urls import reverse

    with translation.override(draft.language):
        url = public_url(
            reverse("dossiers:resume", kwargs={"token": draft.resume_token})
        )
    context = {"draft": draft, "resume_url": url, "procedure": draft.procedure}
    return _send("resume_link", context, email, draft.language)
