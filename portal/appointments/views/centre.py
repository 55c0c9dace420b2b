"""At the centre: the kiosk where walk-in visitors take a queue number, and the
"now serving" board on the hall's screens."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from portal.security.client import client_ip
from portal.security.ratelimit import check_rate

from ..models import CounterGroup, Ticket
from ..queue import board, issue_ticket, waiting_ahead
from .common import private_page

# How often the board asks for news (the board's JavaScript reads it from the
# page), and how often a browser without JavaScript reloads it.
BOARD_POLL_SECONDS = 2
BOARD_REFRESH_SECONDS = 5


def kiosk_allowed(request) -> bool:
    """Queue numbers only from the kiosks' networks when they are configured."""
    networks = getattr(settings, "APPOINTMENT_KIOSK_NETWORKS", [])
    if not networks:
        return True
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net, strict=False) for net in networks)


def _open_groups() -> list[CounterGroup]:
    return list(
        CounterGroup.objects.filter(counters__active=True)
        .distinct()
        .order_by("sort_order", "letter")
    )


@require_http_methods(["GET", "POST"])
def kiosk(request):
    """Lấy số thứ tự: one big button per counter group."""
    if not kiosk_allowed(request):
        return render(request, "appointments/kiosk_closed.html", status=403)
    groups = _open_groups()
    if request.method == "POST":
        limited = check_rate(request, "appointments_kiosk")
        if limited is not None:
            return limited
        letter = (request.POST.get("group") or "").strip().upper()
        group = next((g for g in groups if g.letter == letter), None)
        if group is not None:
            ticket = issue_ticket(group)
            return redirect("appointments:ticket", label=ticket.label)
    return private_page(render(request, "appointments/kiosk.html", {"groups": groups}))


def kiosk_ticket(request, label: str):
    """The number just taken, how many wait before it, and where to look."""
    letter, digits = (
        label.rstrip("0123456789"),
        label.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    )
    if not letter or not digits.isdigit() or letter + digits != label:
        raise Http404
    ticket = (
        Ticket.objects.select_related("group")
        .filter(group__letter=letter, number=int(digits), day=timezone.localdate())
        .first()
    )
    if ticket is None:
        raise Http404
    return private_page(
        render(
            request,
            "appointments/kiosk_ticket.html",
            {"ticket": ticket, "ahead": waiting_ahead(ticket)},
        )
    )


def board_page(request):
    """Đang phục vụ: the number each counter serves, large, for a TV."""
    return render(
        request,
        "appointments/board.html",
        {
            "state": board(),
            "poll_seconds": BOARD_POLL_SECONDS,
            "refresh_seconds": BOARD_REFRESH_SECONDS,
            "time_zone": settings.TIME_ZONE,
        },
    )
