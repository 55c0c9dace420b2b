"""The receipt (giấy tiếp nhận hồ sơ và hẹn trả kết quả): its one-sentence
explanation of the appointment date and the QR code to the tracking page. The
PDF version is built in receipt_pdf.py."""

from __future__ import annotations

from typing import Any

import segno
from django.template.defaultfilters import date as date_format
from django.utils import timezone
from django.utils.translation import gettext as _

from .calendar import WorkingCalendar
from .models import Dossier, ReceiptMethod


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
        # Not "the processing time is Same day": a sentence of its own.
        return (
            _("Received on %(received)s; the result is due the same day, %(due)s.")
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


def centre_for(request: Any = None) -> Any:
    """The centre's details (CentreSettings) of the request's site, else the default site."""
    from wagtail.models import Site

    from cms_pages.models import CentreSettings

    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return CentreSettings.for_site(site) if site else CentreSettings()


def where_to_collect(dossier: Dossier, centre: Any) -> str:
    """Where and when the result is handed over, in one or two sentences.

    In the active language: the centre's address and opening hours
    (CentreSettings) and the agency's counter for a result collected there,
    the postal address for post, the tracking page for online delivery.
    """
    if dossier.receipt_method == ReceiptMethod.POST:
        return _("The result is posted to: %(address)s.") % {
            "address": dossier.postal_address
        }
    if dossier.receipt_method == ReceiptMethod.ONLINE:
        return _(
            "The result is published as a signed file on the tracking page; we "
            "email you when it is ready."
        )
    name = getattr(centre, "display_name", "") or _("the centre")
    address = getattr(centre, "display_address", "")
    counter = (dossier.agency.counter or "").strip()
    place = ", ".join(part for part in (name, address) if part)
    if counter:
        text = _("Collect the result at %(place)s, counter %(counter)s.") % {
            "place": place,
            "counter": counter,
        }
    else:
        text = _("Collect the result at %(place)s.") % {"place": place}
    lines = (getattr(centre, "display_opening_hours", "") or "").splitlines()
    hours = "; ".join(" ".join(line.split()) for line in lines if line.strip())
    if hours:
        text += " " + _("Opening hours: %(hours)s.") % {"hours": hours.rstrip(".")}
    return text
