"""The printable receipt as a one-page A4 PDF (reportlab), in the dossier's
language, with a font that has every Vietnamese glyph and the QR code to the
tracking page drawn as vectors."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

import segno
from django.template.defaultfilters import date as date_format
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from portal.templatetags.portal_tags import vnd

from .models import Dossier
from .public_status import tracking_url

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path(__file__).parent / "fonts"]


def register_fonts() -> tuple[str, str]:
    """The regular and bold font names for PDFs (DejaVu Sans: every Vietnamese glyph)."""
    if "ReceiptSans" in pdfmetrics.getRegisteredFontNames():
        return "ReceiptSans", "ReceiptSans-Bold"
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("ReceiptSans", str(regular)))
            pdfmetrics.registerFont(TTFont("ReceiptSans-Bold", str(bold)))
            return "ReceiptSans", "ReceiptSans-Bold"
    raise FileNotFoundError("DejaVuSans.ttf not found for the PDF receipt.")


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


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=10.5, leading=14)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=12),
        "title": ParagraphStyle(
            "title", parent=base, fontName=bold, fontSize=15, leading=19, spaceAfter=4
        ),
        "heading": ParagraphStyle(
            "heading", parent=base, fontName=bold, fontSize=11.5, leading=15
        ),
    }


def _esc(text) -> str:
    return escape(str(text))


def receipt_rows(dossier: Dossier, collect: str = "") -> list[tuple[str, str]]:
    """(label, value) of the receipt's table, in the active language.

    `collect` says where and when the result is handed over (where_to_collect).
    """
    rows = [
        (_("Dossier code"), dossier.code),
        (_("Verification code"), dossier.verification_code),
        (_("Procedure"), f"{dossier.procedure_code} – {dossier.procedure_name}"),
        (_("Agency"), dossier.agency_name),
        (_("Applicant"), dossier.display_applicant),
        (
            _("Received at"),
            date_format(timezone.localtime(dossier.received_at), "d/m/Y H:i"),
        ),
        (_("Appointment date"), date_format(dossier.first_appointment_date, "l d/m/Y")),
        (_("How to receive the result"), dossier.get_receipt_method_display()),
    ]
    if collect:
        rows.append((_("Where to receive the result"), collect))
    if dossier.fee_label:
        fee = dossier.fee_label
        if dossier.fee_vnd is not None:
            fee += ": " + (vnd(dossier.fee_vnd) if dossier.fee_vnd else _("Free"))
        rows.append((_("Fee"), fee))
    return rows


def _details_table(rows: list[tuple[str, str]], styles: dict) -> Table:
    table = Table(
        [
            [
                Paragraph(_esc(label), styles["small"]),
                Paragraph(_esc(value), styles["base"]),
            ]
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
    return table


def _documents(dossier: Dossier, styles: dict) -> list:
    documents = list(dossier.documents.all())
    if not documents:
        return []
    return [
        Paragraph(_esc(_("Documents received")), styles["heading"]),
        *(
            Paragraph(
                _esc(f"• {document.document_name} ({document.original_name})"),
                styles["small"],
            )
            for document in documents
        ),
        Spacer(1, 4 * mm),
    ]


def _qr_table(url: str, styles: dict) -> Table:
    table = Table(
        [
            [
                QRFlowable(url, 32 * mm),
                Paragraph(
                    _esc(_("Follow your dossier: scan the code or go to"))
                    + f"<br/>{_esc(url)}",
                    styles["small"],
                ),
            ]
        ],
        colWidths=[38 * mm, 130 * mm],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return table


def receipt_pdf(
    dossier: Dossier, centre_name: str, explanation: str, collect: str = ""
) -> bytes:
    """The printable receipt as a one-page A4 PDF, in the dossier's language."""
    styles = _styles()
    with translation.override(dossier.language):
        story = [
            Paragraph(_esc(centre_name), styles["heading"]),
            Paragraph(
                _esc(_("Receipt of dossier and appointment for the result")),
                styles["title"],
            ),
            Spacer(1, 4 * mm),
            _details_table(receipt_rows(dossier, collect), styles),
            Spacer(1, 4 * mm),
            Paragraph(_esc(explanation), styles["base"]),
            Spacer(1, 4 * mm),
            *_documents(dossier, styles),
            _qr_table(tracking_url(dossier), styles),
        ]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{dossier.code}",
        author=centre_name,
    ).build(story)
    return buffer.getvalue()
