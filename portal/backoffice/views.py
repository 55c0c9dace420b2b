"""Public views of the back-office side: statistics page, statistics API and
CSV, supplement upload and satisfaction rating (from the tracking page), and
"was this page helpful?" answers."""

from __future__ import annotations

import csv
import hmac
import os
import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from portal.dossiers.models import (
    DocumentSource,
    Dossier,
    DossierDocument,
    DossierStatus,
)

from . import statistics as stats
from .forms import PageFeedbackForm, RatingForm, SupplementUploadForm
from .models import DossierRating, PageFeedback, SupplementRequest
from .workflow import perform

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
        "csv_url": f"{reverse('statistics_api')}?{query}&format=csv",
        "json_url": f"{reverse('statistics_api')}?{query}",
    }
    return render(request, "backoffice/statistics.html", context)


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
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


def _csv_response(rows, total, group_by, period) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"thong-ke-{group_by}-{period.from_param}-{period.to_param}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow([header for header, _attr in CSV_COLUMNS])
    for row in [*rows, total]:
        data = row.as_dict()
        writer.writerow(
            ["" if data[attr] is None else data[attr] for _h, attr in CSV_COLUMNS]
        )
    return response


# --- the applicant's actions from the tracking page --------------------------


def verified_dossier(request) -> Dossier | None:
    """The dossier named by `code` + `verify` (GET or POST); None if they do not match."""
    data = request.POST if request.method == "POST" else request.GET
    code = (data.get("code") or "").strip()
    verify = (data.get("verify") or "").strip().upper()
    if not code or not verify:
        return None
    dossier = Dossier.objects.select_related("agency").filter(code__iexact=code).first()
    expected = dossier.verification_code.upper() if dossier else "X" * 8
    if dossier is None or not hmac.compare_digest(expected, verify):
        return None
    return dossier


def _rate_limited(request):
    """Same budget as the tracking page: codes cannot be guessed here either."""
    from portal.dossiers.ratelimit import hit, tracking_rate

    allowed, retry_after = hit(request, "track", tracking_rate())
    if allowed:
        return None
    response = render(
        request,
        "dossiers/too_many.html",
        {"retry_minutes": max(1, retry_after // 60)},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def tracking_link(dossier: Dossier) -> str:
    query = urlencode({"code": dossier.code, "verify": dossier.verification_code})
    return f"{reverse('dossiers:track')}?{query}"


def _not_found(request):
    return render(request, "backoffice/not_found.html", status=404)


@never_cache
def supplement(request):
    """Upload the documents an agency asked for; the dossier goes back to the agency."""
    limited = _rate_limited(request)
    if limited:
        return limited
    dossier = verified_dossier(request)
    if dossier is None:
        return _not_found(request)
    supplement_request = (
        SupplementRequest.objects.filter(dossier=dossier, fulfilled_at__isnull=True)
        .prefetch_related("items")
        .first()
    )
    if (
        dossier.status != DossierStatus.SUPPLEMENT_REQUESTED
        or supplement_request is None
    ):
        messages.info(request, _("This dossier is not waiting for a supplement."))
        return HttpResponseRedirect(tracking_link(dossier))
    items = list(supplement_request.items.all())
    form = SupplementUploadForm(
        request.POST or None, request.FILES or None, items=items
    )
    if request.method == "POST" and form.is_valid():
        checked = {}
        for item in items:
            upload = form.cleaned_data[f"item_{item.pk}"]
            try:
                checked[item.pk] = (upload, _check(upload))
            except ValidationError as error:
                form.add_error(f"item_{item.pk}", error)
        if not form.errors:
            _store_supplement(dossier, items, checked)
            messages.success(
                request,
                _(
                    "Thank you: your documents have been received and the agency "
                    "continues handling your dossier."
                ),
            )
            return HttpResponseRedirect(tracking_link(dossier))
    return render(
        request,
        "backoffice/supplement.html",
        {
            "dossier": dossier,
            "supplement_request": supplement_request,
            "form": form,
            "tracking_url": tracking_link(dossier),
        },
    )


def _check(upload):
    from portal.dossiers.validators import check_upload

    return check_upload(upload)


def _store_supplement(dossier: Dossier, items, checked: dict) -> None:
    """Save the files, link them to the request's items and record the supplement."""
    local = timezone.localtime(dossier.received_at)
    with transaction.atomic():
        for item in items:
            upload, info = checked[item.pk]
            document = DossierDocument(
                dossier=dossier,
                procedure_document_id=item.procedure_document_id,
                document_name=item.document_name,
                original_name=os.path.basename(upload.name)[:255],
                size=info.size,
                content_type=info.content_type,
                sha256=info.sha256,
                source=DocumentSource.SUPPLEMENT,
            )
            name = (
                f"dossiers/{local:%Y/%m}/{dossier.code}/"
                f"{secrets.token_hex(12)}.{info.extension.lstrip('.')}"
            )
            document.file.save(name, upload, save=False)
            document.save()
            item.document = document
            item.save(update_fields=["document"])
        perform(
            dossier,
            "record_supplement",
            by_applicant=True,
            note=_("The applicant sent the requested documents online."),
        )


@never_cache
def rate(request):
    """Rate the service once, after the result was returned."""
    limited = _rate_limited(request)
    if limited:
        return limited
    dossier = verified_dossier(request)
    if dossier is None:
        return _not_found(request)
    if DossierRating.objects.filter(dossier=dossier).exists():
        messages.info(request, _("You have already rated this dossier. Thank you."))
        return HttpResponseRedirect(tracking_link(dossier))
    if dossier.status != DossierStatus.RESULT_RETURNED:
        messages.info(
            request, _("You can rate the service once the result has been returned.")
        )
        return HttpResponseRedirect(tracking_link(dossier))
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
            stats.invalidate_procedure_summaries()
            messages.success(request, _("Thank you for rating our service."))
        return HttpResponseRedirect(tracking_link(dossier))
    return render(
        request,
        "backoffice/rate.html",
        {"dossier": dossier, "form": form, "tracking_url": tracking_link(dossier)},
    )


@require_POST
def page_feedback(request):
    """Store one "was this page helpful?" answer and go back to the page."""
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
            "backoffice/feedback_error.html",
            {"form": form, "back_url": back},
            status=400,
        )
    PageFeedback.objects.create(
        page=page,
        helpful=form.cleaned_data["helpful"],
        comment=form.cleaned_data["comment"].strip(),
        language=(request.LANGUAGE_CODE or "")[:8],
    )
    target = page.get_url(request) or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return HttpResponseRedirect(f"{target}?feedback=thanks#page-feedback")
