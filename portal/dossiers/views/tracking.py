"""Tracking (tra cứu hồ sơ): the code and verification code lead to the
dossier's masked status timeline, its result files when it is delivered
online, and the supplement upload when the agency asked for documents.

The form is POSTed; the browser is then remembered as knowing the
verification code (verification.py) and sent to a page whose URL carries
only the dossier code.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.log_actions import log

from portal.http import private_file
from portal.security.ratelimit import check_rate

from ..files import readable_name
from ..forms import TrackingForm
from ..models import DocumentSource
from ..public_status import (
    no_referrer,
    public_status,
    requested_dossier,
    same_origin_referrer,
    tracking_path,
    tracking_query,
    verified_dossier,
)
from ..supplements import SupplementUploadForm, open_request, store_supplement
from ..verification import remember_verified, verified_in_session


def _verified_redirect(request, dossier) -> HttpResponse:
    remember_verified(request, dossier)
    # 303: the browser GETs the result page; reloading it posts nothing again.
    return HttpResponseRedirect(tracking_path(dossier), status=303)


def _result_context(dossier) -> dict:
    return {
        "result": public_status(dossier),
        "dossier": dossier,
        "supplement_request": open_request(dossier),
        "result_files": list(
            dossier.documents.filter(source=DocumentSource.RESULT).order_by(
                "uploaded_at", "pk"
            )
        ),
        "query": tracking_query(dossier),
    }


@never_cache
def track(request):
    """Tracking: POST code + verification code, then GET `?code=` shows the dossier."""
    context = {"result": None, "not_found": False}
    code = request.GET.get("code", "")
    if request.method == "POST" or request.GET.get("verify"):
        # The form, or an old receipt's link with both codes in it.
        form = TrackingForm(request.POST if request.method == "POST" else request.GET)
        limited = check_rate(request, "tracking")
        if limited is not None:
            return same_origin_referrer(limited)
        if form.is_valid():
            dossier = verified_dossier(
                form.cleaned_data["code"], form.cleaned_data["verify"]
            )
            if dossier is not None:
                return no_referrer(_verified_redirect(request, dossier))
            context["not_found"] = True
    else:
        dossier = verified_in_session(request, code)
        if dossier is not None:
            context.update(_result_context(dossier))
        form = TrackingForm(initial={"code": code.strip().upper()})
    context["form"] = form
    response = render(request, "dossiers/track.html", context)
    # The dossier's page: no Referer at all; the form: see same_origin_referrer.
    if context["result"]:
        return no_referrer(response)
    return same_origin_referrer(response)


@never_cache
def result_file(request, code: str, pk: int):
    """One signed result file, for a browser that gave the verification code.

    Every download is written to the audit log (Wagtail's log, on the dossier).
    """
    dossier = verified_in_session(request, code)
    if dossier is None:
        raise Http404
    document = dossier.documents.filter(source=DocumentSource.RESULT, pk=pk).first()
    if document is None:
        raise Http404
    response = private_file(document, readable_name(document))
    log(
        dossier,
        "dossiers.result.download",
        data={"document": document.pk, "name": document.original_name},
    )
    return no_referrer(response)


@never_cache
def supplement(request):
    """Upload the documents an agency asked for; the dossier goes back to the agency."""
    dossier = requested_dossier(request)
    if isinstance(dossier, HttpResponse):
        return same_origin_referrer(dossier)
    supplement_request = open_request(dossier)
    if supplement_request is None:
        messages.info(request, _("This dossier is not waiting for a supplement."))
        return HttpResponseRedirect(tracking_path(dossier))
    items = list(supplement_request.items.all())
    form = SupplementUploadForm(
        request.POST or None, request.FILES or None, items=items
    )
    if request.method == "POST" and form.is_valid():
        store_supplement(dossier, items, form.checked)
        messages.success(
            request,
            _(
                "Thank you: your documents have been received and the agency "
                "continues handling your dossier."
            ),
        )
        return HttpResponseRedirect(tracking_path(dossier))
    return same_origin_referrer(
        render(
            request,
            "dossiers/supplement.html",
            {
                "dossier": dossier,
                "supplement_request": supplement_request,
                "form": form,
                "tracking_url": tracking_path(dossier),
            },
        )
    )
