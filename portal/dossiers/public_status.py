"""The public side of a dossier: finding it by its code and verification code,
the links that fill both in, and what the tracking page and the status API show
(status, timeline, dates and the next thing to do, personal data masked)."""

from __future__ import annotations

import hmac
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.eforms.services import masked_answers
from portal.http import public_url
from portal.security.input import DOSSIER_CODE, VERIFICATION_CODE, ascii_code
from portal.security.ratelimit import check_rate

from .models import Dossier, DossierStatus, ReceiptMethod
from .verification import remember_verified, verified_in_session


def verified_dossier(code: str, verify: str) -> Dossier | None:
    """The dossier when code and verification code match; None otherwise.

    The answer (and the work done) is the same for an unknown code and a wrong
    verification code, so neither can be probed on its own.
    """
    # ASCII patterns first: "١٢٣", "²" or a NUL never reach the query or the
    # constant-time comparison (which refuses non-ASCII text).
    code = ascii_code(code, DOSSIER_CODE) or ""
    verify = ascii_code(verify, VERIFICATION_CODE) or ""
    dossier = None
    if code:
        dossier = (
            Dossier.objects.select_related("agency", "procedure")
            .filter(code__iexact=code)
            .first()
        )
    expected = dossier.verification_code.upper() if dossier else "X" * 8
    matches = hmac.compare_digest(expected, verify)
    return dossier if dossier is not None and matches else None


def requested_dossier(request: HttpRequest) -> Dossier | HttpResponse:
    """The dossier named by `code` in the request (POST, else GET), when this
    browser has given its verification code (see verification.py), or the
    answer to send instead.

    A `verify` value in the request is checked too (the tracking form posts
    it; receipts printed before tracking moved to POST carry it in their QR
    code): that lookup counts against the "tracking" budget of
    portal.security.ratelimit (429 once spent). No match: 404.
    """
    data = request.POST if request.method == "POST" else request.GET
    code = data.get("code", "")
    dossier = verified_in_session(request, code)
    if dossier is not None:
        return dossier
    if data.get("verify"):
        limited = check_rate(request, "tracking")
        if limited is not None:
            return limited
        dossier = verified_dossier(code, data.get("verify", ""))
        if dossier is not None:
            remember_verified(request, dossier)
            return dossier
    return render(request, "dossiers/not_found.html", status=404)


def tracking_query(dossier: Dossier) -> str:
    """`code=…`: what every link to a dossier's public pages carries.

    Never the verification code: URLs end up in logs, history and Referer
    headers. The browser proves it knows that code once, by POST.
    """
    return urlencode({"code": dossier.code})


def tracking_path(dossier: Dossier, view: str = "dossiers:track") -> str:
    """A public page about this dossier (tracking by default), in the active language."""
    return f"{reverse(view)}?{tracking_query(dossier)}"


def tracking_url(dossier: Dossier) -> str:
    """The absolute tracking link in the dossier's language (emails, receipt, QR)."""
    with translation.override(dossier.language):
        return public_url(tracking_path(dossier))


def no_referrer(response: HttpResponse) -> HttpResponse:
    """Pages showing a dossier never tell any site, ours included, where the
    visitor came from."""
    response["Referrer-Policy"] = "no-referrer"
    return response


def same_origin_referrer(response: HttpResponse) -> HttpResponse:
    """Pages about a dossier that POST a form (tracking, supplement, rating).

    Never a Referer to another site; but not "no-referrer": browsers then
    send `Origin: null` with the form's POST, which CSRF protection must
    refuse (Fetch standard, "append a request `Origin` header").
    """
    response["Referrer-Policy"] = "same-origin"
    return response


def mask_name(name: str) -> str:
    """Keep the first letter of each word: "Nguyễn Văn An" → "N***** V** A*"."""
    return " ".join(word[0] + "*" * (len(word) - 1) for word in name.split())


def mask_phone(phone: str) -> str:
    """Keep the first three and last three digits: 0912345678 → 091****678."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 6) + phone[-3:]


def next_step_text(dossier: Dossier) -> str:
    """What the citizen should do (or expect) now, in one or two sentences."""
    texts = {
        DossierStatus.RECEIVED: _(
            "The centre has received your dossier and passed it to the agency. "
            "You do not need to do anything now."
        ),
        DossierStatus.IN_PROCESSING: _(
            "The agency is handling your dossier. We will tell you when the result is ready."
        ),
        DossierStatus.SUPPLEMENT_REQUESTED: _(
            "The agency needs more documents: read the request below and supplement your "
            "dossier. The processing time restarts when the supplement arrives."
        ),
        DossierStatus.SUPPLEMENTED: _(
            "Your supplement has been received; the agency continues handling the dossier."
        ),
        DossierStatus.TRANSFERRED: _(
            "Your dossier has been passed to another agency, which continues handling it."
        ),
        DossierStatus.APPROVED: _(
            "The result is ready. Collect it as you chose when filing; bring your receipt "
            "and citizen ID if you collect it at the centre."
        ),
        DossierStatus.REFUSED: _(
            "Your dossier was refused; the reason is below. Contact the centre if you have questions."
        ),
        DossierStatus.RESULT_RETURNED: _("The result has been returned. Thank you."),
        DossierStatus.WITHDRAWN: _("This dossier was withdrawn."),
    }
    if (
        dossier.status in (DossierStatus.APPROVED, DossierStatus.RESULT_RETURNED)
        and dossier.receipt_method == ReceiptMethod.ONLINE
    ):
        return str(
            _(
                "The result is ready: download the signed file below and keep it. "
                "It has the same value as the paper document."
            )
        )
    return str(texts.get(dossier.status, ""))


def public_status(dossier: Dossier) -> dict:
    """The JSON-ready public view of a dossier (same for the page and the API)."""
    events = list(dossier.events.order_by("created_at", "pk"))
    labels = dict(DossierStatus.choices)
    return {
        "code": dossier.code,
        "procedure": {"code": dossier.procedure_code, "name": dossier.procedure_name},
        "agency": dossier.agency_name,
        "applicant": mask_name(dossier.display_applicant),
        "phone": mask_phone(dossier.applicant_phone),
        "status": dossier.status,
        "status_label": str(labels.get(dossier.status, dossier.status)),
        "received_at": timezone.localtime(dossier.received_at).isoformat(),
        "appointment_date": dossier.appointment_date.isoformat(),
        "first_appointment_date": dossier.first_appointment_date.isoformat(),
        "resolved_at": timezone.localtime(dossier.resolved_at).isoformat()
        if dossier.resolved_at
        else None,
        "returned_at": timezone.localtime(dossier.returned_at).isoformat()
        if dossier.returned_at
        else None,
        "overdue": dossier.is_overdue(),
        "next_step": next_step_text(dossier),
        "form": masked_answers(dossier),
        "timeline": [
            {
                "status": event.to_status,
                "status_label": str(labels.get(event.to_status, event.to_status)),
                "at": timezone.localtime(event.created_at).isoformat(),
                "note": event.note,
                "appointment_date": event.appointment_date.isoformat()
                if event.appointment_date
                else None,
            }
            for event in events
        ],
    }
