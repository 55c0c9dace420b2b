"""E-mails about a booking, always in the booking's language: the
confirmation (with the calendar file attached), the reminder the working day
before, and a note when the booking is moved or cancelled.

A mail server that is down never undoes a booking: the failure is logged and
the visitor still has the confirmation page.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from .details import centre_settings, documents_to_bring, manage_url
from .ics import booking_ics
from .models import Booking

logger = logging.getLogger(__name__)

KINDS = ("confirmation", "reminder", "moved", "cancelled")


def send_booking_email(booking: Booking, kind: str) -> bool:
    """Send one of KINDS to the booking's e-mail address (False: none sent)."""
    if kind not in KINDS:
        raise ValueError(kind)
    if not booking.email:
        return False
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
    try:
        message.send()
    except OSError:
        logger.exception("Could not send the %s e-mail of booking %s", kind, booking.pk)
        return False
    return True
