"""Exports carrying citizen text cannot run formulas (CSV/formula injection)."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from wagtail.contrib.forms.models import FormSubmission

from portal.security.exports import neutralise, neutralise_row
from tests.factories.backoffice import UserFactory
from tests.factories.catalogue import build_site
from tests.factories.site import FormPageFactory

HOSTILE = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_prefixes_are_neutralised(value):
    assert neutralise(value) == "'" + value


def test_other_values_are_left_alone():
    assert neutralise_row(["Nguyễn Văn An", 5, None, "", "a=b", -3]) == [
        "Nguyễn Văn An",
        5,
        None,
        "",
        "a=b",
        -3,
    ]


@pytest.fixture
def submissions(db):
    home, _catalogue = build_site()
    page = FormPageFactory(parent=home)
    for text in HOSTILE:
        FormSubmission.objects.create(
            page=page,
            form_data={"ho_va_ten": text, "email": "a@example.vn", "noi_dung": text},
        )
    admin = UserFactory(is_superuser=True, is_staff=True)
    return page, admin


def test_wagtail_form_submission_csv_export(client, submissions):
    page, admin = submissions
    client.force_login(admin)
    response = client.get(f"/admin/forms/submissions/{page.pk}/", {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    cells = [cell for row in rows[1:] for cell in row]
    for value in HOSTILE:
        assert "'" + value in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def test_wagtail_form_submission_xlsx_export(client, submissions):
    page, admin = submissions
    client.force_login(admin)
    response = client.get(f"/admin/forms/submissions/{page.pk}/", {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [c for row in sheet.iter_rows(min_row=2, values_only=True) for c in row]
    texts = [c for c in cells if isinstance(c, str)]
    assert "'" + HOSTILE[0] in texts
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)
