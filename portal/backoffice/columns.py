"""Columns of the officials' dossier listing that say dates as dates.

Wagtail's DateColumn says "Just now" or "4 hours ago", which reads as the past
for an appointment date in the future. These columns show dd/mm/yyyy, and the
due date adds the working days left (or overdue) in words and an icon, so the
state never depends on colour alone.
"""

from __future__ import annotations

from datetime import date, datetime

from django.template.defaultfilters import date as date_format
from django.utils import timezone
from wagtail.admin.ui.tables import Column

from portal.dossiers.calendar import load_calendar

from .deadlines import due_state


class AbsoluteDateColumn(Column):
    """A date (dd/mm/yyyy) or a date and time (dd/mm/yyyy HH:MM), never relative."""

    cell_template_name = "backoffice/admin/date_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        value = context["raw_value"]
        context["iso"] = ""
        if isinstance(value, datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            context["value"] = date_format(local, "d/m/Y H:i")
            context["iso"] = local.isoformat()
        elif isinstance(value, date):
            context["value"] = date_format(value, "d/m/Y")
            context["iso"] = value.isoformat()
        return context


class DueDateColumn(AbsoluteDateColumn):
    """The appointment date with the working days left, or how late it is."""

    cell_template_name = "backoffice/admin/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        # One calendar per listing: the view puts it in the context.
        calendar = parent_context.get("working_calendar") or load_calendar()
        context["due"] = due_state(
            instance.appointment_date, instance.status, calendar=calendar
        )
        return context


class StatusColumn(Column):
    """The status in words (the due-date column says whether it is late)."""

    def get_value(self, instance):
        return instance.get_status_display()
