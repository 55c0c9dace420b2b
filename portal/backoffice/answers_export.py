"""E-form answers for officials: the answers of one procedure's dossiers as a
CSV file (formulas neutralised), limited to the dossiers the user may see and
written to the audit log."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from portal.eforms.answers import section_rows
from portal.eforms.csv_export import answers_csv
from portal.eforms.models import FilledForm

from .permissions import can_access_backoffice, visible_dossiers


def answers_export(request):
    """GET: choose a procedure; with `?procedure=CODE`: download its CSV."""
    if not can_access_backoffice(request.user):
        raise PermissionDenied
    filled = FilledForm.objects.filter(
        dossier__in=visible_dossiers(request.user)
    ).select_related("dossier", "dossier__agency")
    procedures = dict(
        filled.order_by("dossier__procedure_code")
        .values_list("dossier__procedure_code", "dossier__procedure_name")
        .distinct()
    )
    code = request.GET.get("procedure", "")
    if code in procedures:
        rows = filled.filter(dossier__procedure_code=code).order_by(
            "dossier__received_at", "pk"
        )
        log(
            rows.first().dossier,
            "backoffice.dossier.export_answers",
            user=request.user,
            data={"procedure": code, "count": rows.count()},
        )
        response = HttpResponse(
            answers_csv(rows), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="tra-loi-bieu-mau-{code}-{stamp}.csv"'
        )
        response["Cache-Control"] = "private, no-store"
        return response
    return render(
        request,
        "backoffice/admin/answers_export.html",
        {
            "page_title": _("E-form answers"),
            "procedures": sorted(procedures.items()),
            "unknown": bool(code),
            "chosen": code,
        },
    )


def filled_form_context(dossier) -> dict:
    """The dossier page's e-form section: its answers grouped by section."""
    filled = FilledForm.objects.filter(dossier=dossier).first()
    if filled is None:
        return {"filled_form": None, "answer_sections": []}
    if dossier.anonymised_at is not None:
        # The retention purge emptied the answers: no rows of "Not answered".
        return {"filled_form": filled, "answer_sections": []}
    return {
        "filled_form": filled,
        "answer_sections": section_rows(filled.definition, filled.answers),
    }
