"""Tracking (tra cứu hồ sơ): the code and verification code lead to the
dossier's masked status timeline, and from there to the supplement upload
when the agency asked for documents."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.security.ratelimit import check_rate

from ..forms import TrackingForm
from ..public_status import (
    public_status,
    requested_dossier,
    tracking_path,
    tracking_query,
    verified_dossier,
)
from ..supplements import SupplementUploadForm, open_request, store_supplement


@never_cache
def track(request):
    """Tracking (tra cứu hồ sơ): code + verification code → masked status timeline."""
    form = TrackingForm(request.GET or None)
    context = {"form": form, "result": None, "not_found": False}
    if form.is_bound:
        limited = check_rate(request, "tracking")
        if limited is not None:
            return limited
        if form.is_valid():
            dossier = verified_dossier(
                form.cleaned_data["code"], form.cleaned_data["verify"]
            )
            if dossier is None:
                context["not_found"] = True
            else:
                context["result"] = public_status(dossier)
                context["dossier"] = dossier
                context["supplement_request"] = open_request(dossier)
                context["query"] = tracking_query(dossier)
    return render(request, "dossiers/track.html", context)


@never_cache
def supplement(request):
    """Upload the documents an agency asked for; the dossier goes back to the agency."""
    dossier = requested_dossier(request)
    if isinstance(dossier, HttpResponse):
        return dossier
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
    return render(
        request,
        "dossiers/supplement.html",
        {
            "dossier": dossier,
            "supplement_request": supplement_request,
            "form": form,
            "tracking_url": tracking_path(dossier),
        },
    )
