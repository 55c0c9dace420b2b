"""The CSV of a procedure's answers: one row per dossier, machine-path columns,
formulas neutralised."""

import csv
import io

import pytest

from portal.eforms.csv_export import answers_csv, safe_cell
from tests.factories.eforms import FilledFormFactory

from .samples import BIRTH, BIRTH_ANSWERS, BUSINESS, BUSINESS_ANSWERS, sample


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_starts_are_neutralised(start):
    assert safe_cell(f"{start}SUM(A1:A9)") == f"'{start}SUM(A1:A9)"


def test_plain_values_are_kept():
    assert safe_cell("Nguyễn Văn An") == "Nguyễn Văn An"
    assert safe_cell(None) == "" and safe_cell(12) == "12"


@pytest.mark.django_db
def test_csv_rows_and_columns():
    first = FilledFormFactory(source=sample(BUSINESS), answers=BUSINESS_ANSWERS)
    second = FilledFormFactory(source=sample(BIRTH), answers=BIRTH_ANSWERS)
    text = answers_csv([first, second])
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header = rows[0]
    assert header[:5] == [
        "dossier_code",
        "received_at",
        "status",
        "applicant",
        "form_key",
    ]
    assert "members.2.person.full_name" in header and "child_name" in header
    business = dict(zip(header, rows[1], strict=True))
    assert business["business_name"] == '\'=HYPERLINK("http://evil.example")'
    assert business["capital"] == "50000000"
    assert business["child_name"] == ""
    birth = dict(zip(header, rows[2], strict=True))
    assert (
        birth["child_name"] == "Nguyễn Văn Bình"
        and birth["dossier_code"] == second.dossier.code
    )
