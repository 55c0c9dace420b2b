"""Spreadsheet exports that cannot run formulas (CSV/formula injection).

A cell whose text starts with =, +, -, @, a tab or a carriage return may be
read as a formula by spreadsheet programs. Every export that carries text a
citizen or visitor typed (ratings, page feedback, form submissions,
statistics labels) passes its cells through `neutralise`, which puts an
apostrophe in front, the usual way to tell a spreadsheet "this is text".
"""

from __future__ import annotations

from typing import Any

from wagtail.admin.views.generic import IndexView
from wagtail.contrib.forms.views import SubmissionsListView

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text that could start a formula, prefixed with an apostrophe; anything
    else (numbers, dates, empty values) unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_row(values) -> list:
    """A row for csv.writer with every cell neutralised."""
    return [neutralise(value) for value in values]


class SafeSpreadsheetExportMixin:
    """For Wagtail's SpreadsheetExportMixin views: neutralise every cell, in
    CSV and XLSX alike."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))


class SafeExportIndexView(SafeSpreadsheetExportMixin, IndexView):
    """`index_view_class` for model viewsets whose listing exports citizen text."""


class SafeSubmissionsListView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """`submissions_list_view_class` of form pages (Wagtail's submission export)."""
