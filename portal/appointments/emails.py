"""E-mails about a booking, always in the booking's language: the
confirmation (with the calendar file attached), the reminder the working day
before, and a note when the booking is moved or cancelled.

Every e-mail is a background task queued in the transaction of the change it
tells about (`portal.tasks.enqueue_on_commit`): the worker sends it, never
the visitor's request; a mail server that is down makes the task retry with
growing pauses, and never undoes a booking.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from portal.tasks import enqueue_on_commit, retry_later

from .details import centre_settings, documents_to_bring, manage_url
from .ics import booking_ics
from .models import Booking

logger = logging.getLogger(__name__)

KINDS = ("confirmation", "reminder", "moved", "cancelled")


def _message(booking: Booking, kind: str) -> EmailMessage:
    """The e-mail of `kind` in the booking's language, the .ics attached."""
    centre = centre_settings()
    with translation.override(booking.language):
        context = {
            "booking": booking,
            "centre_name": centre.display_name,
            "centre_address": centre.display_address,
            "counter": booking.counter,
            "documents": documents_to_bring(booking, booking.language),
            "manage_url": manage_url(booking),
        }
        subject = " ".join(
            render_to_string(f"appointments/email/{kind}_subject.txt", context).split()
        )
        body = render_to_string(f"appointments/email/{kind}.txt", context)
        message = EmailMessage(
            subject, body, settings.DEFAULT_FROM_EMAIL, [booking.email]
        )
        if kind != "cancelled":
            host = settings.PUBLIC_BASE_URL.split("//")[-1].split("/")[0] or "portal"
            ics = booking_ics(
                booking,
                centre_name=centre.display_name,
                address=centre.display_address,
                host=host,
            )
            message.attach(f"{booking.code}.ics", ics, "text/calendar; charset=utf-8")
    return message


@task()
def booking_email_task(booking_id: int, kind: str, attempt: int = 0) -> bool:
    """Send one of KINDS about a booking (False: nothing to send or it failed)."""
    booking = (
        Booking.objects.select_related("counter").filter(pk=booking_id).first()
        if kind in KINDS
        else None
    )
    if booking is None or not booking.email:
        return False
    try:
        _message(booking, kind).send()
    except OSError:
        logger.exception(
            "Could not send the %s e-mail of booking %s (attempt %s)",
            kind,
            booking_id,
            attempt + 1,
        )
        if not retry_later(booking_email_task, attempt, booking_id, kind):
            logger.error("Gave up the %s e-mail of booking %s", kind, booking_id)
        return False
    return True


def send_booking_email(booking: Booking, kind: str) -> bool:
    """Queue one of KINDS about `booking`; False when it has no e-mail address."""
    if kind not in KINDS:
        raise ValueError(kind)
    if not booking.email:
        return False
    enqueue_on_commit(booking_email_task, booking.pk, kind)
    return True
