"""The receipt (giấy tiếp nhận hồ sơ và hẹn trả kết quả): its one-sentence
explanation of the appointment date and the QR code to the tracking page. The
PDF version is built in receipt_pdf.py."""

from __future__ import annotations

import segno
from django.template.defaultfilters import date as date_format
from django.utils import timezone
from django.utils.translation import gettext as _

from .calendar import WorkingCalendar
from .models import Dossier


def qr_svg(url: str) -> str:
    """An inline SVG QR code (no JavaScript, prints sharply)."""
    return segno.make(url, error="m").svg_inline(
        scale=4, title=_("QR code to the tracking page")
    )


def days_text(days) -> str:
    from portal.templatetags.portal_tags import working_days

    return working_days(days)


def appointment_explanation(
    dossier: Dossier, calendar: WorkingCalendar | None = None
) -> str:
    """One sentence that explains how the appointment date was counted."""
    received = timezone.localtime(dossier.received_at)
    received_text = date_format(received, "l d/m/Y H:i")
    params = {
        "received": received_text,
        "days": days_text(dossier.processing_days),
        "start": date_format(dossier.counting_from, "l d/m/Y"),
        "due": date_format(dossier.first_appointment_date, "l d/m/Y"),
    }
    late = (
        calendar is not None
        and calendar.receipt_day(dossier.received_at) != received.date()
    )
    if dossier.processing_days < 1:
        return (
            _(
                "Received on %(received)s; the processing time is %(days)s, so the result is due on %(due)s."
            )
            % params
        )
    if late:
        return (
            _(
                "Received on %(received)s, after the cut-off time or on a day off, so the %(days)s "
                "of processing are counted from %(start)s, leaving out weekends and public holidays: "
                "the result is due on %(due)s."
            )
            % params
        )
    return (
        _(
            "Received on %(received)s; the %(days)s of processing are counted from the next working "
            "day, %(start)s, leaving out weekends and public holidays: the result is due on %(due)s."
        )
        % params
    )
