"""The queue at the counters: numbers taken at the kiosk or given at check-in,
called by staff, shown on the "now serving" board.

- Numbers run per counter group and day (A001, A002, …) from a counter row
  incremented under a row lock (`portal.dossiers.services.next_sequence`,
  the same sequence that numbers dossiers), so two kiosks never print the
  same number.
- "Call next" takes the first waiting number of the counter's group: booked
  visitors whose time has come first, then everyone in the order they
  arrived. The row is claimed with `SELECT … FOR UPDATE SKIP LOCKED`, so two
  counters calling at the same moment get two different visitors.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.utils import timezone

from portal.dossiers.services import next_sequence

from .models import Counter, CounterGroup, Ticket, TicketStatus


def issue_ticket(
    group: CounterGroup, *, booking=None, now: datetime | None = None
) -> Ticket:
    """A new queue number of `group` for today."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    with transaction.atomic():
        number = next_sequence(f"queue:{group.letter}:{day:%Y%m%d}")
        return Ticket.objects.create(
            group=group, day=day, number=number, booking=booking, issued_at=now
        )


def waiting_ahead(ticket: Ticket) -> int:
    """How many numbers of the same group wait before this one (arrival order)."""
    return Ticket.objects.filter(
        group_id=ticket.group_id,
        day=ticket.day,
        status=TicketStatus.WAITING,
        number__lt=ticket.number,
    ).count()


def call_next(
    counter: Counter, user=None, now: datetime | None = None
) -> Ticket | None:
    """Call the next waiting number of the counter's group to this counter.

    The number called before at this counter is done. None when nobody waits.
    """
    now = now or timezone.now()
    day = timezone.localdate(now)
    with transaction.atomic():
        Ticket.objects.filter(counter=counter, status=TicketStatus.CALLED).update(
            status=TicketStatus.DONE
        )
        ticket = (
            Ticket.objects.filter(
                group_id=counter.group_id, day=day, status=TicketStatus.WAITING
            )
            .annotate(
                turn=Case(
                    When(booking__start__lte=now, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("turn", "issued_at", "number")
            .select_for_update(skip_locked=True, of=("self",))
            .first()
        )
        if ticket is None:
            return None
        ticket.status = TicketStatus.CALLED
        ticket.counter = counter
        ticket.called_at = ticket.last_called_at = now
        ticket.calls = 1
        ticket.called_by = user if getattr(user, "pk", None) else None
        ticket.save(
            update_fields=[
                "status",
                "counter",
                "called_at",
                "last_called_at",
                "calls",
                "called_by",
            ]
        )
    return ticket


def current_ticket(counter: Counter) -> Ticket | None:
    """The number this counter called last and is serving now."""
    return (
        Ticket.objects.filter(counter=counter, status=TicketStatus.CALLED)
        .select_related("group", "booking")
        .order_by("-last_called_at", "-pk")
        .first()
    )


def call_again(counter: Counter, now: datetime | None = None) -> Ticket | None:
    """Call the current number once more (the board shows and says it again)."""
    ticket = current_ticket(counter)
    if ticket is not None:
        ticket.last_called_at = now or timezone.now()
        ticket.calls += 1
        ticket.save(update_fields=["last_called_at", "calls"])
    return ticket


def mark_absent(counter: Counter) -> Ticket | None:
    """The current number did not come to the counter."""
    ticket = current_ticket(counter)
    if ticket is not None:
        ticket.status = TicketStatus.ABSENT
        ticket.save(update_fields=["status"])
    return ticket


def board(day: date | None = None) -> dict:
    """What the "now serving" board shows: per open counter, the number it
    called last today; per group, how many wait. Three queries."""
    day = day or timezone.localdate()
    latest = Ticket.objects.filter(counter=OuterRef("pk"), day=day).order_by(
        "-last_called_at", "-pk"
    )
    counters = list(
        Counter.objects.filter(active=True)
        .select_related("group")
        .annotate(ticket_id=Subquery(latest.values("pk")[:1]))
    )
    tickets = Ticket.objects.select_related("group").in_bulk(
        [c.ticket_id for c in counters if c.ticket_id]
    )
    waiting = dict(
        Ticket.objects.filter(day=day, status=TicketStatus.WAITING)
        .values_list("group")
        .annotate(n=Count("pk"))
        .values_list("group", "n")
    )
    groups = {counter.group_id: counter.group for counter in counters}
    return {
        "counters": [
            _counter_entry(counter, tickets.get(counter.ticket_id))
            for counter in counters
        ],
        "groups": [
            {
                "letter": group.letter,
                "name": group.display_name,
                "waiting": waiting.get(group.pk, 0),
            }
            for group in sorted(groups.values(), key=lambda g: (g.sort_order, g.letter))
        ],
    }


def _counter_entry(counter: Counter, ticket: Ticket | None) -> dict:
    called = ticket.last_called_at if ticket else None
    return {
        "counter": counter.number,
        "name": counter.display_name,
        "group": counter.group.letter,
        "ticket": ticket.label if ticket else None,
        "called_at": timezone.localtime(called).isoformat() if called else None,
        "calls": ticket.calls if ticket else 0,
    }
