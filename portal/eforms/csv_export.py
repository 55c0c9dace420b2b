"""The answers of one procedure's dossiers as CSV for officials, safe to open
in a spreadsheet: every cell goes through the site's one formula neutraliser
(`portal.security.exports.neutralise`: a leading apostrophe before =, +, -,
@, a tab or a carriage return, OWASP's advice on CSV injection)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils import timezone

from portal.security.exports import neutralise

from .answers import flat_answers

FIXED_COLUMNS = ["dossier_code", "received_at", "status", "applicant", "form_key"]


def safe_cell(value: object) -> str:
    """A cell value a spreadsheet shows as text, never runs as a formula."""
    return neutralise("" if value is None else str(value))


def answers_csv(filled_forms: Iterable) -> str:
    """One row per dossier; answer columns are machine paths (`father.full_name`),
    in the order they first appear, so forms edited over time share columns."""
    rows, columns = [], []
    seen = set()
    for filled in filled_forms:
        dossier = filled.dossier
        flat = flat_answers(filled.definition, filled.answers)
        for column in flat:
            if column not in seen:
                seen.add(column)
                columns.append(column)
        fixed = {
            "dossier_code": dossier.code,
            "received_at": timezone.localtime(dossier.received_at).isoformat(),
            "status": dossier.status,
            "applicant": dossier.display_applicant,
            "form_key": filled.form_key,
        }
        rows.append({**fixed, **flat})
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = FIXED_COLUMNS + columns
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(row.get(column, "")) for column in header])
    # A byte-order mark so spreadsheet programs read Vietnamese as UTF-8.
    return "\ufeff" + buffer.getvalue()
