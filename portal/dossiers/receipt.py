"""The receipt (giấy tiếp nhận hồ sơ và hẹn trả kết quả): its one-sentence
explanation of the appointment date, the QR code to the tracking page, and a PDF
with a font that has every Vietnamese glyph."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.template.defaultfilters import date as date_format
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .calendar import WorkingCalendar
from .models import Dossier

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path(__file__).parent / "fonts"]


def public_url(path: str) -> str:
    base = getattr(settings, "PUBLIC_BASE_URL", "") or settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + path


def tracking_url(dossier: Dossier) -> str:
    """The tracking page for this dossier, with code and verification code filled in."""
    with translation.override(dossier.language):
        path = reverse("dossiers:track")
    query = urlencode({"code": dossier.code, "verify": dossier.verification_code})
    return public_url(f"{path}?{query}")


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


def _register_fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "ReceiptSans" in pdfmetrics.getRegisteredFontNames():
        return "ReceiptSans", "ReceiptSans-Bold"
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("ReceiptSans", str(regular)))
            pdfmetrics.registerFont(TTFont("ReceiptSans-Bold", str(bold)))
            return "ReceiptSans", "ReceiptSans-Bold"
    raise FileNotFoundError("DejaVuSans.ttf not found for the PDF receipt.")


def receipt_pdf(dossier: Dossier, centre_name: str, explanation: str) -> bytes:
    """The printable receipt as a one-page A4 PDF."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )
    from reportlab.platypus.flowables import Flowable

    regular, bold = _register_fonts()
    url = tracking_url(dossier)

    class QRFlowable(Flowable):
        """A QR code drawn as vectors with segno's matrix."""

        def __init__(self, data: str, size: float):
            super().__init__()
            self.qr = segno.make(data, error="m")
            self.size = size

        def wrap(self, *args):
            return self.size, self.size

        def draw(self):
            matrix = list(self.qr.matrix_iter(scale=1, border=2))
            cell = self.size / len(matrix)
            canvas = self.canv
            canvas.setFillColor(colors.black)
            for row_index, row in enumerate(matrix):
                for col_index, dark in enumerate(row):
                    if dark:
                        canvas.rect(
                            col_index * cell,
                            self.size - (row_index + 1) * cell,
                            cell,
                            cell,
                            stroke=0,
                            fill=1,
                        )

    base = ParagraphStyle("base", fontName=regular, fontSize=10.5, leading=14)
    small = ParagraphStyle("small", parent=base, fontSize=9, leading=12)
    title = ParagraphStyle(
        "title", parent=base, fontName=bold, fontSize=15, leading=19, spaceAfter=4
    )
    heading = ParagraphStyle(
        "heading", parent=base, fontName=bold, fontSize=11.5, leading=15
    )

    def esc(text) -> str:
        from xml.sax.saxutils import escape

        return escape(str(text))

    with translation.override(dossier.language):
        rows = [
            (_("Dossier code"), dossier.code),
            (_("Verification code"), dossier.verification_code),
            (_("Procedure"), f"{dossier.procedure_code} – {dossier.procedure_name}"),
            (_("Agency"), dossier.agency.name),
            (_("Applicant"), dossier.display_applicant),
            (
                _("Received at"),
                date_format(timezone.localtime(dossier.received_at), "d/m/Y H:i"),
            ),
            (
                _("Appointment date"),
                date_format(dossier.first_appointment_date, "l d/m/Y"),
            ),
            (_("How to receive the result"), dossier.get_receipt_method_display()),
        ]
        if dossier.fee_label:
            from portal.templatetags.portal_tags import vnd

            fee = dossier.fee_label
            if dossier.fee_vnd is not None:
                fee += ": " + (vnd(dossier.fee_vnd) if dossier.fee_vnd else _("Free"))
            rows.append((_("Fee"), fee))
        documents = list(dossier.documents.all())
        story = [
            Paragraph(esc(centre_name), heading),
            Paragraph(
                esc(_("Receipt of dossier and appointment for the result")), title
            ),
            Spacer(1, 4 * mm),
        ]
        table = Table(
            [
                [Paragraph(esc(label), small), Paragraph(esc(value), base)]
                for label, value in rows
            ],
            colWidths=[48 * mm, 120 * mm],
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        story += [
            table,
            Spacer(1, 4 * mm),
            Paragraph(esc(explanation), base),
            Spacer(1, 4 * mm),
        ]
        if documents:
            story.append(Paragraph(esc(_("Documents received")), heading))
            for document in documents:
                story.append(
                    Paragraph(
                        esc(f"• {document.document_name} ({document.original_name})"),
                        small,
                    )
                )
            story.append(Spacer(1, 4 * mm))
        qr_table = Table(
            [
                [
                    QRFlowable(url, 32 * mm),
                    Paragraph(
                        esc(_("Follow your dossier: scan the code or go to"))
                        + f"<br/>{esc(url)}",
                        small,
                    ),
                ]
            ],
            colWidths=[38 * mm, 130 * mm],
        )
        qr_table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        story.append(qr_table)

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{dossier.code}",
        author=centre_name,
    )
    document.build(story)
    return buffer.getvalue()
