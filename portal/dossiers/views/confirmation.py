"""After submitting: the confirmation panel with the receipt, and the receipt
as a PDF (only for the browser that submitted the dossier)."""

from __future__ import annotations

from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache

from portal.eforms.models import FilledForm
from portal.eforms.services import attach_declaration

from ..calendar import load_calendar
from ..models import Dossier
from ..public_status import no_referrer, tracking_url
from ..receipt import appointment_explanation, centre_for, qr_svg, where_to_collect
from ..receipt_pdf import receipt_pdf
from ..verification import remember_verified
from .session import SESSION_SUBMITTED, restart_page


def _receipt_dossier(request, code: str) -> Dossier | None:
    if code not in request.session.get(SESSION_SUBMITTED, []):
        return None
    return (
        Dossier.objects.select_related("agency", "procedure").filter(code=code).first()
    )


@never_cache
def confirmation(request, code):
    """Confirmation panel and printable receipt (only for the browser that submitted)."""
    dossier = _receipt_dossier(request, code)
    if dossier is None:
        return restart_page(request, "receipt_denied", status=404)
    url = tracking_url(dossier)
    # This browser has the verification code on screen: its tracking link
    # shows the dossier straight away.
    remember_verified(request, dossier)
    centre = centre_for(request)
    return no_referrer(
        render(
            request,
            "dossiers/confirmation.html",
            {
                "dossier": dossier,
                "documents": list(dossier.documents.all()),
                "explanation": appointment_explanation(dossier, load_calendar()),
                "tracking_url": url,
                "qr_svg": qr_svg(url),
                "collect": where_to_collect(dossier, centre),
                "filled_form": FilledForm.objects.filter(dossier=dossier).first(),
            },
        )
    )


@never_cache
def receipt_pdf_view(request, code):
    """The receipt as a PDF with its QR code."""
    dossier = _receipt_dossier(request, code)
    if dossier is None:
        return restart_page(request, "receipt_denied", status=404)
    centre = centre_for(request)
    with translation.override(dossier.language):
        name = centre.display_name
        explanation = appointment_explanation(dossier, load_calendar())
        collect = where_to_collect(dossier, centre)
    pdf = receipt_pdf(dossier, name, explanation, collect)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-nhan-{dossier.code}.pdf"'
    return no_referrer(response)


@never_cache
def declaration_pdf_view(request, code):
    """The declaration filled in from the e-form answers (made now if missing)."""
    dossier = _receipt_dossier(request, code)
    filled = FilledForm.objects.filter(dossier=dossier).first() if dossier else None
    document = attach_declaration(filled) if filled is not None else None
    if document is None:
        return restart_page(request, "receipt_denied", status=404)
    return no_referrer(
        FileResponse(
            document.file.open("rb"),
            content_type="application/pdf",
            filename=f"to-khai-{dossier.code}.pdf",
        )
    )
