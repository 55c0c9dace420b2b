"""After submitting: the confirmation panel with the receipt, and the receipt
as a PDF (only for the browser that submitted the dossier)."""

from __future__ import annotations

from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from wagtail.models import Site

from cms_pages.models import CentreSettings
from portal.eforms.models import FilledForm
from portal.eforms.services import attach_declaration

from ..calendar import load_calendar
from ..models import Dossier
from ..public_status import tracking_url
from ..receipt import appointment_explanation, qr_svg
from ..receipt_pdf import receipt_pdf
from .session import SESSION_SUBMITTED, restart_page


def _receipt_dossier(request, code: str) -> Dossier | None:
    if code not in request.session.get(SESSION_SUBMITTED, []):
        return None
    return (
        Dossier.objects.select_related("agency", "procedure").filter(code=code).first()
    )


def _centre(request):
    site = (
        Site.find_for_request(request)
        or Site.objects.filter(is_default_site=True).first()
    )
    return CentreSettings.for_site(site) if site else CentreSettings()


@never_cache
def confirmation(request, code):
    """Confirmation panel and printable receipt (only for the browser that submitted)."""
    dossier = _receipt_dossier(request, code)
    if dossier is None:
        return restart_page(request, "receipt_denied", status=404)
    url = tracking_url(dossier)
    return render(
        request,
        "dossiers/confirmation.html",
        {
            "dossier": dossier,
            "documents": list(dossier.documents.all()),
            "explanation": appointment_explanation(dossier, load_calendar()),
            "tracking_url": url,
            "qr_svg": qr_svg(url),
            "filled_form": FilledForm.objects.filter(dossier=dossier).first(),
        },
    )


@never_cache
def receipt_pdf_view(request, code):
    """The receipt as a PDF with its QR code."""
    dossier = _receipt_dossier(request, code)
    if dossier is None:
        return restart_page(request, "receipt_denied", status=404)
    centre = _centre(request)
    with translation.override(dossier.language):
        name = centre.display_name
        explanation = appointment_explanation(dossier, load_calendar())
    pdf = receipt_pdf(dossier, name, explanation)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-nhan-{dossier.code}.pdf"'
    return response


@never_cache
def declaration_pdf_view(request, code):
    """The declaration filled in from the e-form answers (made now if missing)."""
    dossier = _receipt_dossier(request, code)
    filled = FilledForm.objects.filter(dossier=dossier).first() if dossier else None
    document = attach_declaration(filled) if filled is not None else None
    if document is None:
        return restart_page(request, "receipt_denied", status=404)
    return FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        filename=f"to-khai-{dossier.code}.pdf",
    )
