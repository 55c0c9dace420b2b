"""Changing a booking: booking code + verification code (POST only), then
cancel or move it. The link in the e-mail carries the booking code only."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.form_errors import error_summary
from portal.security.ratelimit import check_rate

from .. import access, queries
from ..emails import send_booking_email
from ..forms import ManageForm, MoveForm, normalise_booking_code
from ..services import BookingError, cancel, move
from ..slots import last_bookable_day
from .common import days_of, parse_day, private_page, slot_picker


@require_http_methods(["GET", "POST"])
def manage(request):
    """Find a booking by its code and verification code."""
    initial = {"code": normalise_booking_code(request.GET.get("code", ""))}
    form = ManageForm(request.POST or None, initial=initial)
    not_found = False
    if request.method == "POST":
        limited = check_rate(request, "appointments_manage")
        if limited is not None:
            return limited
        if form.is_valid():
            booking = access.verified_booking(
                form.cleaned_data["code"], form.cleaned_data["verify"]
            )
            if booking is not None:
                access.grant(request, booking)
                return redirect("appointments:booking", code=booking.code)
            not_found = True
    return private_page(
        render(
            request,
            "appointments/manage.html",
            {"form": form, "errors": error_summary(form), "not_found": not_found},
        )
    )


def _own_active_booking(request, code: str):
    """The booking this browser may change, or the answer to send instead."""
    booking = access.granted_booking(request, code)
    if booking is None:
        return None, redirect(
            f"{reverse('appointments:manage')}?{urlencode({'code': code})}"
        )
    if not booking.is_active:
        messages.info(request, _("This booking can no longer be changed."))
        return None, redirect("appointments:booking", code=booking.code)
    return booking, None


@require_http_methods(["GET", "POST"])
def cancel_booking(request, code: str):
    """ "Cancel this visit?" then cancel it (POST)."""
    booking, answer = _own_active_booking(request, code)
    if answer is not None:
        return answer
    if request.method == "POST":
        cancel(booking)
        send_booking_email(booking, "cancelled")
        messages.success(request, _("Your visit has been cancelled."))
        return redirect("appointments:booking", code=booking.code)
    return private_page(
        render(request, "appointments/cancel.html", {"booking": booking})
    )


@require_http_methods(["GET", "POST"])
def move_booking(request, code: str):
    """Choose another day (GET) and time (POST) for the same procedure."""
    booking, answer = _own_active_booking(request, code)
    if answer is not None:
        return answer
    source = booking.procedure
    if source is None:
        raise Http404
    rules = queries.load_rules()
    today = timezone.localdate()
    last = last_bookable_day(today, rules.calendar, rules.rules.window_days)
    form, alternatives = None, []
    day = parse_day(request.GET.get("day"))
    if request.method == "POST":
        form = MoveForm(request.POST)
        if form.is_valid():
            wanted = form.cleaned_data["slot"]
            day = timezone.localdate(wanted)
            try:
                move(booking, wanted, rules=rules)
            except BookingError as error:
                form.add_error("slot", error.message)
                alternatives = error.alternatives
            else:
                send_booking_email(booking, "moved")
                messages.success(request, _("Your visit has been moved."))
                return redirect("appointments:booking", code=booking.code)
    grouped = days_of(
        queries.free_slots(source, today, last, rules=rules, exclude_booking=booking.pk)
    )
    context = {
        **slot_picker(MoveForm, form, grouped, day, alternatives),
        "booking": booking,
    }
    return private_page(render(request, "appointments/move.html", context))
