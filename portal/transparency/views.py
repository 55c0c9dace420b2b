"""Public views: the statistics page, the statistics API and CSV, the
satisfaction rating (reached from the tracking page) and "was this page
helpful?" answers."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import (
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from cms_pages.spam import honeypot_filled
from portal.appointments.figures import visit_figures
from portal.dossiers.models import DossierStatus
from portal.dossiers.public_status import (
    requested_dossier,
    same_origin_referrer,
    tracking_path,
)
from portal.security.exports import neutralise_row
from portal.security.ratelimit import rate_limited

from . import question_figures
from . import statistics as stats
from .forms import PageFeedbackForm, RatingForm
from .models import DossierRating, PageFeedback

CSV_COLUMNS = [
    ("key", "key"),
    ("label", "label"),
    ("received", "received"),
    ("resolved", "resolved"),
    ("resolved_on_time", "resolved_on_time"),
    ("resolved_late", "resolved_late"),
    ("on_time_rate", "on_time_rate"),
    ("in_progress", "in_progress"),
    ("overdue", "overdue"),
    ("average_working_days", "average_working_days"),
    ("ratings", "ratings"),
    ("satisfaction", "satisfaction"),
]


# --- statistics --------------------------------------------------------------


def _chart_rows(rows: list[stats.Row]) -> list[dict]:
    """Bar widths (percent of the largest value) for the server-rendered charts."""
    biggest = max((row.received for row in rows), default=0) or 1
    return [
        {
            "row": row,
            "received_pct": round(100 * row.received / biggest, 1),
            "on_time_pct": row.on_time_rate or 0,
            "late_pct": round(100 - (row.on_time_rate or 0), 1) if row.resolved else 0,
            "satisfaction_pct": round(100 * (row.satisfaction or 0) / 5, 1),
        }
        for row in rows
    ]


def _month_chart(rows: list[stats.Row]) -> dict:
    """Geometry of the inline SVG column chart (two columns per month)."""
    base, top, step = 160, 14, 46
    biggest = max((max(r.received, r.resolved) for r in rows), default=0) or 1
    bars = []
    for index, row in enumerate(rows):
        received_h = round((base - top) * row.received / biggest, 1)
        resolved_h = round((base - top) * row.resolved / biggest, 1)
        month, year = row.key[5:7], row.key[:4]
        bars.append(
            {
                "x": index * step,
                "label": row.label,
                "month": month,
                "year": year,
                "received": row.received,
                "resolved": row.resolved,
                "received_h": received_h,
                "received_y": round(base - received_h, 1),
                "received_text_y": round(base - received_h - 3, 1),
                "resolved_h": resolved_h,
                "resolved_y": round(base - resolved_h, 1),
                "resolved_text_y": round(base - resolved_h - 3, 1),
            }
        )
    return {
        "bars": bars,
        "width": max(step * len(rows), step),
        "height": base + 32,
        "base": base,
        "label_y": base + 14,
        "year_y": base + 27,
    }


def statistics_page(request):
    """Thống kê: figures per agency, sector, procedure or month, with charts."""
    error = None
    try:
        group_by = stats.parse_group(request.GET.get("group_by"))
        period = stats.parse_period(request.GET.get("from"), request.GET.get("to"))
    except stats.StatisticsError as exc:
        error = str(exc)
        group_by, period = "agency", stats.default_period()
    rows, total = stats.compute(group_by, period)
    stats.localise_labels(rows, group_by, request.LANGUAGE_CODE)
    months_rows, _months_total = (
        (rows, total) if group_by == "month" else stats.compute("month", period)
    )
    query = urlencode(
        {"group_by": group_by, "from": period.from_param, "to": period.to_param}
    )
    visits = visit_figures(period.start, period.end)
    stats.localise_labels(visits.by_sector, "sector", request.LANGUAGE_CODE)
    question_rows, question_total = question_figures.compute(
        period, request.LANGUAGE_CODE
    )
    context = {
        "error": error,
        "group_by": group_by,
        "groups": [(key, stats.GROUP_LABELS[key]) for key in stats.GROUPS],
        "group_label": stats.GROUP_LABELS[group_by],
        "period": period,
        "rows": _chart_rows(rows),
        "total": total,
        "chart": _month_chart(months_rows),
        "definitions": stats.DEFINITIONS,
        "visits": visits,
        "question_rows": question_rows,
        "question_total": question_total,
        "question_definitions": question_figures.DEFINITIONS,
        "csv_url": f"{reverse('statistics_api')}?{query}&format=csv",
        "json_url": f"{reverse('statistics_api')}?{query}",
    }
    return render(request, "transparency/statistics.html", context)


@require_GET
def statistics_api(request):
    """`GET /api/statistics/?group_by=agency&from=YYYY-MM&to=YYYY-MM[&format=csv]`."""
    output = request.GET.get("format", "json")
    try:
        if output not in ("json", "csv"):
            raise stats.StatisticsError(_("“format” must be json or csv."))
        group_by = stats.parse_group(request.GET.get("group_by"))
        period = stats.parse_period(request.GET.get("from"), request.GET.get("to"))
    except stats.StatisticsError as exc:
        return JsonResponse(
            {"error": str(exc)}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    rows, total = stats.compute(group_by, period)
    if output == "csv":
        return _csv_response(rows, total, group_by, period)
    response = JsonResponse(
        {
            "group_by": group_by,
            "from": period.from_param,
            "to": period.to_param,
            "generated_at": timezone.localtime().isoformat(),
            "definitions": {key: str(text) for key, text in stats.DEFINITIONS.items()},
            "results": [row.as_dict() for row in rows],
            "total": total.as_dict(),
            "appointments": visit_figures(period.start, period.end).as_dict(),
            "questions": _question_figures(period, request.LANGUAGE_CODE),
        },
        json_dumps_params={"ensure_ascii": False},
    )
    # Cache-Control comes from portal.cache_control (CACHEABLE_VIEWS: 60 s).
    return response


def _question_figures(period, language: str) -> dict:
    """Questions and answers per agency, with their definitions (JSON)."""
    rows, total = question_figures.compute(period, language)
    return {
        "definitions": {k: str(v) for k, v in question_figures.DEFINITIONS.items()},
        "results": [row.as_dict() for row in rows],
        "total": total.as_dict(),
    }


def _csv_response(rows, total, group_by, period) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"thong-ke-{group_by}-{period.from_param}-{period.to_param}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow([header for header, _attr in CSV_COLUMNS])
    for row in [*rows, total]:
        data = row.as_dict()
        # Labels are names typed by editors: never a formula in a spreadsheet.
        writer.writerow(
            neutralise_row(
                "" if data[attr] is None else data[attr] for _h, attr in CSV_COLUMNS
            )
        )
    return response


# --- satisfaction rating and page feedback ----------------------------------


@never_cache
def rate(request):
    """Rate the service once, after the result was returned."""
    dossier = requested_dossier(request)
    if isinstance(dossier, HttpResponse):
        return same_origin_referrer(dossier)
    if DossierRating.objects.filter(dossier=dossier).exists():
        messages.info(request, _("You have already rated this dossier. Thank you."))
        return HttpResponseRedirect(tracking_path(dossier))
    if dossier.status != DossierStatus.RESULT_RETURNED:
        messages.info(
            request, _("You can rate the service once the result has been returned.")
        )
        return HttpResponseRedirect(tracking_path(dossier))
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rating = form.save(commit=False)
        rating.dossier = dossier
        try:
            with transaction.atomic():
                rating.save()
        except IntegrityError:
            messages.info(request, _("You have already rated this dossier. Thank you."))
        else:
            # The cached procedure figures are dropped by signals.py.
            messages.success(request, _("Thank you for rating our service."))
        return HttpResponseRedirect(tracking_path(dossier))
    return same_origin_referrer(
        render(
            request,
            "transparency/rate.html",
            {"dossier": dossier, "form": form, "tracking_url": tracking_path(dossier)},
        )
    )


# Page feedback posts from pages the front cache serves to everyone, so the
# form carries no CSRF token (a token would make every page uncacheable; see
# docs/operations.md, "Front cache"). The view needs none: it reads no session
# or user and grants nothing, it only stores an anonymous answer, so a forged
# cross-site post can do no more than its author can do directly. What stops
# abuse instead: a foreign Origin is refused, bots fill the honeypot field,
# and each client gets the "feedback" rate limit's answers per window.


def _foreign_origin(request) -> bool:
    """True when the browser says the form was posted from another site."""
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return False
    return not url_has_allowed_host_and_scheme(
        origin + "/", allowed_hosts={request.get_host()}
    )


@csrf_exempt
@require_POST
@rate_limited("feedback")
def page_feedback(request):
    """Store one "was this page helpful?" answer and go back to the page."""
    if _foreign_origin(request):
        return HttpResponseForbidden(_("Answers are only accepted from this site."))
    form = PageFeedbackForm(request.POST)
    page = None
    if form.is_valid():
        page = Page.objects.filter(pk=form.cleaned_data["page"]).live().first()
    if page is None:
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}
        ):
            back = f"/{request.LANGUAGE_CODE}/"
        return render(
            request,
            "transparency/feedback_error.html",
            {"form": form, "back_url": back},
            status=400,
        )
    if honeypot_filled(request):
        # Bots get the same answer as people, and nothing is stored.
        return HttpResponseRedirect(_thanks_url(request, page))
    PageFeedback.objects.create(
        page=page,
        helpful=form.cleaned_data["helpful"],
        comment=form.cleaned_data["comment"].strip(),
        language=(request.LANGUAGE_CODE or "")[:8],
    )
    return HttpResponseRedirect(_thanks_url(request, page))


def _thanks_url(request, page: Page) -> str:
    target = page.get_url(request) or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return f"{target}?feedback=thanks#page-feedback"
