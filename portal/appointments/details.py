"""What a visitor needs to know about a booking, shared by the booking page,
the e-mails and the calendar file: what to bring, where to go, the links."""

from __future__ import annotations

from urllib.parse import urlencode

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from cms_pages.models import CentreSettings, ProcedureDocument, ProcedurePage
from portal.http import public_url

from .models import Booking


def centre_settings() -> CentreSettings:
    site = Site.objects.filter(is_default_site=True).first()
    return CentreSettings.for_site(site) if site else CentreSettings()


def procedure_in(booking: Booking, language: str) -> ProcedurePage | None:
    """The booked procedure's page in `language` (else the Vietnamese one)."""
    pages = ProcedurePage.objects.live().filter(code=booking.procedure_code)
    return (
        pages.filter(locale__language_code=language).first()
        or pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    )


def documents_to_bring(booking: Booking, language: str) -> list[ProcedureDocument]:
    """The procedure's document checklist, in the visitor's language."""
    page = procedure_in(booking, language)
    return list(page.documents.all()) if page is not None else []


def manage_url(booking: Booking) -> str:
    """The link to change or cancel the booking (the code only: the
    verification code is typed, never carried in a URL)."""
    with translation.override(booking.language):
        path = reverse("appointments:manage")
    return public_url(f"{path}?{urlencode({'code': booking.code})}")


def check_in_url(booking: Booking) -> str:
    """What the QR code on the confirmation holds: the staff check-in screen
    with the booking code (staff scan it; it shows nothing to anyone else)."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    path = reverse("appointments_desk:check_in")
    return f"{base}{path}?{urlencode({'code': booking.code})}"


def qr_svg(booking: Booking) -> str:
    """An inline SVG QR code (no JavaScript, prints sharply)."""
    return segno.make(check_in_url(booking), error="m").svg_inline(
        scale=4, title=_("QR code of the booking, scanned at the centre")
    )
