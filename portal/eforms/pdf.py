"""The declaration (tờ khai) as a PDF, filled in from a dossier's answers:
national heading, the form's title and legal number, the addressee, every
section with its questions and answers, the declaration sentence, and a place
to sign where the form asks for one. In the dossier's language, with the
receipt's font (every Vietnamese glyph)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import definition as d
from .answers import Row, section_rows


@dataclass(frozen=True)
class DeclarationFacts:
    """What the PDF says besides the answers."""

    dossier_code: str
    agency_name: str
    applicant_name: str
    submitted_at: datetime
    language: str


def _styles():
    from reportlab.lib.colors import HexColor
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    from portal.dossiers.receipt_pdf import register_fonts

    regular, bold = register_fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=10.5, leading=14)
    return {
        "base": base,
        "bold": ParagraphStyle("bold", parent=base, fontName=bold),
        "small": ParagraphStyle(
            "small",
            parent=base,
            fontSize=8.5,
            leading=11,
            textColor=HexColor("#444444"),
        ),
        "right": ParagraphStyle("right", parent=base, fontSize=9, alignment=TA_RIGHT),
        "centre": ParagraphStyle(
            "centre", parent=base, fontName=bold, alignment=TA_CENTER
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=bold,
            fontSize=14,
            leading=18,
            alignment=TA_CENTER,
            spaceBefore=8,
            spaceAfter=6,
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=base,
            fontName=bold,
            fontSize=11,
            leading=15,
            spaceBefore=8,
            spaceAfter=3,
        ),
        "sign": ParagraphStyle("sign", parent=base, alignment=TA_CENTER),
    }


def _rows_table(rows: list[Row], styles, width: float, indent: float = 0):
    """Questions and answers as a two-column table; group items nested below."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    data = []
    for row in rows:
        data.append(
            [
                Paragraph(escape(row.label), styles["small"]),
                Paragraph(escape(row.value), styles["base"]),
            ]
        )
        for item_title, item_rows in row.items:
            data.append([Paragraph(escape(item_title), styles["bold"]), ""])
            inner = _rows_table(item_rows, styles, width - 8, indent + 8)
            data.append([inner, ""])
    table = Table(data, colWidths=[0.38 * width, 0.62 * width], hAlign="LEFT")
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
        ("LEFTPADDING", (0, 0), (0, -1), indent),
    ]
    for index, row in enumerate(data):
        if row[1] == "":
            commands.append(("SPAN", (0, index), (1, index)))
    table.setStyle(TableStyle(commands))
    return table


def _heading_table(definition: d.Definition, styles, width: float):
    from reportlab.platypus import Paragraph, Table, TableStyle

    cells = [
        [Paragraph(escape(_("SOCIALIST REPUBLIC OF VIET NAM")), styles["centre"])],
        [Paragraph(escape(_("Independence – Freedom – Happiness")), styles["centre"])],
        [Paragraph("―――――――――", styles["sign"])],
    ]
    table = Table(cells, colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _signature_table(
    definition: d.Definition, facts: DeclarationFacts, styles, width: float
):
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    local = timezone.localtime(facts.submitted_at)
    dated = _("Date: %(day)s/%(month)s/%(year)s") % {
        "day": f"{local.day:02d}",
        "month": f"{local.month:02d}",
        "year": local.year,
    }
    right = [Paragraph(escape(dated), styles["sign"])]
    if definition.get("signature"):
        caption = definition.get("signature_caption") or _("Applicant")
        right += [
            Paragraph(escape(caption.upper()), styles["centre"]),
            Paragraph(escape(_("(Signature and full name)")), styles["sign"]),
            Spacer(1, 24 * mm),
            Paragraph(escape(facts.applicant_name), styles["centre"]),
        ]
    table = Table([["", right]], colWidths=[0.45 * width, 0.55 * width])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def declaration_pdf(
    definition: d.Definition, answers: dict, facts: DeclarationFacts
) -> bytes:
    """The filled-in declaration as an A4 PDF."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    width = A4[0] - 40 * mm
    with translation.override(facts.language):
        styles = _styles()
        story = []
        if definition.get("reference"):
            story.append(Paragraph(escape(definition["reference"]), styles["right"]))
        story += [
            _heading_table(definition, styles, width),
            Paragraph(escape(definition.get("title", "").upper()), styles["title"]),
            Paragraph(
                escape(_("To: %(agency)s") % {"agency": facts.agency_name}),
                styles["sign"],
            ),
            Spacer(1, 3 * mm),
        ]
        for section in section_rows(definition, answers):
            story.append(Paragraph(escape(section.title), styles["heading"]))
            story.append(_rows_table(section.rows, styles, width))
        story += [
            Spacer(1, 5 * mm),
            Paragraph(
                escape(
                    _(
                        "I declare that the information above is true and I take "
                        "responsibility before the law for what I have declared."
                    )
                ),
                styles["base"],
            ),
            Spacer(1, 4 * mm),
            _signature_table(definition, facts, styles, width),
        ]
        footer = _("Dossier %(code)s · filled in online · page %%(page)s") % {
            "code": facts.dossier_code
        }
        regular = styles["base"].fontName

        def on_page(canvas, document):
            canvas.saveState()
            canvas.setFont(regular, 8)
            canvas.drawString(20 * mm, 10 * mm, footer % {"page": document.page})
            canvas.restoreState()

        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            topMargin=15 * mm,
            bottomMargin=18 * mm,
            title=definition.get("title", ""),
            author=facts.agency_name,
            subject=facts.dossier_code,
        )
        document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
