"""The booking as an iCalendar file (RFC 5545) for the visitor's calendar:
one event in UTC, with the counter as location and an alarm the evening
before. Text is escaped and lines are folded at 75 octets as the RFC asks."""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils import translation
from django.utils.translation import gettext as _

from .models import Booking

PRODID = "-//Cong Hanh chinh cong//Appointments//VI"


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Split a content line into 75-octet pieces without cutting a character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    pieces, current, limit = [], b"", 75
    for char in line:
        data = char.encode("utf-8")
        if len(current) + len(data) > limit:
            pieces.append(current.decode("utf-8"))
            current, limit = b"", 74  # continuation lines start with a space
        current += data
    pieces.append(current.decode("utf-8"))
    return "\r\n ".join(pieces)


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def booking_ics(booking: Booking, *, centre_name: str, address: str, host: str) -> str:
    """The .ics text of one booking, in the booking's language."""
    with translation.override(booking.language):
        counter = booking.counter
        location = ", ".join(
            part
            for part in (
                f"{_('Counter')} {counter.number} ({counter.display_name})",
                counter.display_location,
                centre_name,
                address,
            )
            if part
        )
        summary = _("Visit to the centre: %(procedure)s") % {
            "procedure": booking.procedure_name
        }
        description = _(
            "Booking code %(code)s. Bring the documents of the procedure and your "
            "citizen ID."
        ) % {"code": booking.code}
        reminder = _("Visit to the centre tomorrow")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{booking.code.lower()}@{host}",
        f"DTSTAMP:{_utc(booking.changed_at)}",
        f"DTSTART:{_utc(booking.start)}",
        f"DTEND:{_utc(booking.end)}",
        f"SUMMARY:{_escape(summary)}",
        f"LOCATION:{_escape(location)}",
        f"DESCRIPTION:{_escape(description)}",
        "STATUS:CONFIRMED" if booking.status != "cancelled" else "STATUS:CANCELLED",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:-PT12H",
        f"DESCRIPTION:{_escape(reminder)}",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
