"""The counter screens in the Wagtail admin.

- *Visits today*: today's bookings per counter, check-in by booking code or
  by scanning the QR code of the confirmation, no-shows;
- *Call numbers*: the console of one counter: call the next number, call it
  again, mark it not present.

Every view asks `permissions` which counters the user works.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from .forms import CheckInForm
from .models import Booking, Counter, Ticket, TicketStatus
from .permissions import can_operate, may_handle, operable_counters
from .queue import call_again, call_next, current_ticket, mark_absent
from .services import BookingError, check_in, mark_no_show

SESSION_COUNTER = "appointments_counter"


class CounterScreen(WagtailAdminTemplateMixin, TemplateView):
    """Base of the counter screens: only for users who work counters."""

    header_icon = "calendar-alt"

    def dispatch(self, request, *args, **kwargs):
        if not can_operate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": self.get_page_title()},
        ]


class TodayView(CounterScreen):
    """Today's bookings at the counters this user works."""

    template_name = "appointments/admin/today.html"
    page_title = _("Visits today")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        counters = list(operable_counters(self.request.user))
        bookings = (
            Booking.objects.filter(counter__in=counters, start__date=today)
            .select_related("ticket__group")
            .order_by("start", "pk")
        )
        by_counter = {counter.pk: [] for counter in counters}
        for booking in bookings:
            by_counter[booking.counter_id].append(booking)
        context.update(
            form=CheckInForm(),
            counters=[(counter, by_counter[counter.pk]) for counter in counters],
            today=today,
            now=timezone.now(),
        )
        return context


class CheckInView(CounterScreen):
    """Check a visitor in: the booking found by its code (typed or scanned)."""

    template_name = "appointments/admin/check_in.html"
    page_title = _("Check a visitor in")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = CheckInForm(self.request.GET or None)
        booking, problem = None, ""
        if form.is_valid():
            booking = (
                Booking.objects.select_related("counter", "procedure")
                .filter(code=form.cleaned_data["code"])
                .first()
            )
            if booking is None or not may_handle(self.request.user, booking):
                booking, problem = None, _("No booking at your counters has this code.")
            elif timezone.localdate(booking.start) != timezone.localdate():
                problem = _("This booking is for %(date)s, not today.") % {
                    "date": timezone.localtime(booking.start).strftime("%d/%m/%Y %H:%M")
                }
        context.update(form=form, booking=booking, problem=problem)
        return context

    def post(self, request, *args, **kwargs):
        pk = request.POST.get("booking") or ""
        if not (pk.isascii() and pk.isdigit()):
            raise Http404
        booking = get_object_or_404(Booking, pk=int(pk))
        if not may_handle(request.user, booking):
            raise PermissionDenied
        try:
            ticket = check_in(booking, request.user)
        except BookingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is checked in: queue number %(number)s.")
                % {"name": booking.name, "number": ticket.label},
            )
        return redirect("appointments_desk:today")


@require_POST
def no_show(request, pk: int):
    """The visitor of a booking did not come."""
    booking = get_object_or_404(Booking, pk=pk)
    if not can_operate(request.user) or not may_handle(request.user, booking):
        raise PermissionDenied
    try:
        mark_no_show(booking, request.user)
    except BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Booking %(code)s: did not come.") % {"code": booking.code}
        )
    return redirect("appointments_desk:today")


class CallingView(CounterScreen):
    """The console of one counter: the number served now and the buttons."""

    template_name = "appointments/admin/calling.html"
    page_title = _("Call numbers")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counters = list(operable_counters(self.request.user))
        wanted = self.request.GET.get("counter") or self.request.session.get(
            SESSION_COUNTER
        )
        counter = next((c for c in counters if str(c.pk) == str(wanted)), None)
        if counter is None and counters:
            counter = counters[0]
        if counter is not None:
            self.request.session[SESSION_COUNTER] = counter.pk
            today = timezone.localdate()
            context.update(
                current=current_ticket(counter),
                waiting=Ticket.objects.filter(
                    group=counter.group, day=today, status=TicketStatus.WAITING
                ).count(),
                recent=Ticket.objects.filter(counter=counter, day=today)
                .select_related("group")
                .order_by("-last_called_at")[:10],
            )
        context.update(counters=counters, counter=counter)
        return context


ACTIONS = {"next": call_next, "again": call_again, "absent": mark_absent}


@require_POST
def call(request, pk: int, action: str):
    """Call the next number, call again, or mark not present, at one counter."""
    if action not in ACTIONS:
        raise Http404
    counter = get_object_or_404(Counter, pk=pk, active=True)
    if not operable_counters(request.user).filter(pk=counter.pk).exists():
        raise PermissionDenied
    if action == "next":
        ticket = call_next(counter, request.user)
    else:
        ticket = ACTIONS[action](counter)
    if ticket is None:
        messages.info(request, _("Nobody is waiting in this counter's group."))
    elif action == "absent":
        messages.info(request, _("%(number)s: not present.") % {"number": ticket.label})
    else:
        messages.success(
            request,
            _("%(number)s is called to counter %(counter)s.")
            % {"number": ticket.label, "counter": counter.number},
        )
    return redirect(f"{reverse('appointments_calling:console')}?counter={counter.pk}")


class CounterScreenViewSet(ViewSet):
    """A menu entry shown only to users who work counters."""

    @property
    def menu_item_class(self):
        class CounterScreenMenuItem(MenuItem):
            def is_shown(self, request):
                return can_operate(request.user)

        return CounterScreenMenuItem


class DeskViewSet(CounterScreenViewSet):
    name = "appointments_desk"
    url_prefix = "lich-hen"
    icon = "calendar-alt"
    menu_label = _("Visits today")

    def get_urlpatterns(self):
        return [
            path("", TodayView.as_view(), name="today"),
            path("diem-danh/", CheckInView.as_view(), name="check_in"),
            path("<int:pk>/vang-mat/", no_show, name="no_show"),
        ]


class CallingViewSet(CounterScreenViewSet):
    name = "appointments_calling"
    url_prefix = "goi-so"
    icon = "mail"
    menu_label = _("Call numbers")

    def get_urlpatterns(self):
        return [
            path("", CallingView.as_view(), name="console"),
            path("<int:pk>/<slug:action>/", call, name="call"),
        ]
