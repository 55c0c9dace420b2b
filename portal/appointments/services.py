"""Everything that changes a booking: book, move, cancel, check in, no-show.

No overbooking, ever: `book` and `move` lock the rows of the counters that
serve the procedure (`SELECT … FOR UPDATE`, in primary-key order so two
bookings never wait on each other in a circle), count the places taken in
the slot, and insert only while a place is free. A second booking of the same
slot waits for the first one's commit and then counts it. One active booking
per procedure per phone and per e-mail is a partial unique constraint, so a
race between two tabs ends with one booking too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_pages.models import ProcedurePage

from .models import Booking, BookingStatus, Counter, Ticket, new_booking_code
from .queries import (
    BookingRules,
    counters_for,
    load_rules,
    next_free_slots,
    places_of,
    taken_places,
)
from .queue import issue_ticket
from .slots import Slot, candidate_slots

CODE_ATTEMPTS = 5


class BookingError(Exception):
    """A booking that cannot be made or changed; `message` says why, in the
    visitor's language, and `alternatives` offers other slots when it can."""

    def __init__(self, message, alternatives: list[Slot] | None = None):
        super().__init__(str(message))
        self.message = message
        self.alternatives = alternatives or []


@dataclass
class Visitor:
    """Who books: a name, and a mobile phone and/or an e-mail (normalised)."""

    name: str
    phone: str = ""
    email: str = ""
    language: str = "vi"


def close_past_days(now: datetime | None = None) -> int:
    """Bookings of days already over that nobody checked in become no-shows.

    Run before every new booking (so an old unattended booking never blocks a
    new one for the same procedure) and by the reminder job.
    """
    start_of_today = datetime.combine(
        timezone.localdate(now or timezone.now()),
        time.min,
        tzinfo=timezone.get_current_timezone(),
    )
    return Booking.objects.filter(
        status=BookingStatus.BOOKED, start__lt=start_of_today
    ).update(status=BookingStatus.NO_SHOW, changed_at=timezone.now())


def _bookable_slot(start: datetime, rules: BookingRules, now: datetime) -> Slot:
    """The slot that starts at `start`, if it can be booked now."""
    day = timezone.localdate(start)
    for slot_start, slot_end in candidate_slots(
        day,
        day,
        now=now,
        calendar=rules.calendar,
        hours=rules.hours,
        rules=rules.rules,
    ):
        if slot_start == start:
            return Slot(slot_start, slot_end)
    raise BookingError(
        _("This time cannot be booked (any more). Choose one of the times offered.")
    )


def _duplicate_exists(
    procedure_code: str, visitor: Visitor, exclude: int | None
) -> bool:
    contact = Q()
    if visitor.phone:
        contact |= Q(phone=visitor.phone)
    if visitor.email:
        contact |= Q(email__iexact=visitor.email)
    return (
        Booking.objects.filter(
            status=BookingStatus.BOOKED, procedure_code=procedure_code
        )
        .filter(contact)
        .exclude(pk=exclude)
        .exists()
    )


DUPLICATE_MESSAGE = _(
    "You already have a booking for this procedure with this phone number or "
    "e-mail address. Change or cancel it with the link in your confirmation "
    "before you book again."
)


def _free_counter(
    procedure: ProcedurePage,
    slot: Slot,
    rules: BookingRules,
    *,
    exclude_booking: int | None = None,
) -> Counter | None:
    """Lock the procedure's counters; the one with the most free places in
    the slot (None when the slot is full). Call inside a transaction."""
    ids = [counter.pk for counter in counters_for(procedure)]
    locked = list(Counter.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    taken = taken_places(
        locked, [(slot.start, slot.end)], exclude_booking=exclude_booking
    )
    best, best_free = None, 0
    for counter in locked:
        free = places_of(counter, rules) - taken.get((counter.pk, slot.start), 0)
        if free > best_free:
            best, best_free = counter, free
    return best


def _full(procedure: ProcedurePage, slot: Slot, rules, now) -> BookingError:
    return BookingError(
        _(
            "Sorry, the last place at this time has just been taken. "
            "Choose another time: the nearest free ones are offered below."
        ),
        next_free_slots(procedure, slot.start, rules=rules, now=now),
    )


def book(
    procedure: ProcedurePage,
    start: datetime,
    visitor: Visitor,
    *,
    rules: BookingRules | None = None,
    now: datetime | None = None,
) -> Booking:
    """Book a visit for a default-locale procedure at the slot starting at `start`.

    Raises BookingError (full slot with the next free slots, time no longer
    bookable, duplicate booking).
    """
    rules = rules or load_rules()
    now = now or timezone.now()
    if not rules.enabled:
        raise BookingError(_("Booking a visit is not possible at the moment."))
    slot = _bookable_slot(start, rules, now)
    close_past_days(now)
    if _duplicate_exists(procedure.code, visitor, None):
        raise BookingError(DUPLICATE_MESSAGE)
    for _attempt in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                counter = _free_counter(procedure, slot, rules)
                if counter is None:
                    break  # full: the locks go with the transaction
                return Booking.objects.create(
                    code=new_booking_code(),
                    **Booking.procedure_fields(procedure),
                    counter=counter,
                    start=slot.start,
                    end=slot.end,
                    name=visitor.name,
                    phone=visitor.phone,
                    email=visitor.email,
                    language=visitor.language,
                    created_at=now,
                    changed_at=now,
                )
        except IntegrityError:
            if _duplicate_exists(procedure.code, visitor, None):
                raise BookingError(DUPLICATE_MESSAGE) from None
            # Otherwise the random code was taken: draw another one.
            continue
    else:
        raise BookingError(_("The booking could not be saved. Please try again."))
    raise _full(procedure, slot, rules, now)


def move(
    booking: Booking,
    start: datetime,
    *,
    rules: BookingRules | None = None,
    now: datetime | None = None,
) -> Booking:
    """Move an active booking to the slot starting at `start` (same procedure)."""
    rules = rules or load_rules()
    now = now or timezone.now()
    procedure = booking.procedure
    if procedure is None or not booking.is_active:
        raise BookingError(_("This booking can no longer be changed."))
    slot = _bookable_slot(start, rules, now)
    with transaction.atomic():
        counter = _free_counter(procedure, slot, rules, exclude_booking=booking.pk)
        if counter is not None:
            booking.counter, booking.start, booking.end = counter, slot.start, slot.end
            booking.changed_at, booking.reminder_sent_at = now, None
            booking.save(
                update_fields=[
                    "counter",
                    "start",
                    "end",
                    "changed_at",
                    "reminder_sent_at",
                ]
            )
    if counter is None:
        raise _full(procedure, slot, rules, now)
    return booking


def cancel(booking: Booking) -> Booking:
    """Cancel an active booking: its place is free again at once."""
    if not booking.is_active:
        raise BookingError(_("This booking can no longer be changed."))
    booking.status = BookingStatus.CANCELLED
    booking.changed_at = timezone.now()
    booking.save(update_fields=["status", "changed_at"])
    return booking


def check_in(booking: Booking, user=None, now: datetime | None = None) -> Ticket:
    """The visitor is at the centre: the booking is checked in and the visitor
    gets a queue number of the counter's group (booked visitors go first once
    their time has come)."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == BookingStatus.CHECKED_IN:
            return Ticket.objects.select_related("group").get(booking=booking)
        if booking.status not in (BookingStatus.BOOKED, BookingStatus.NO_SHOW):
            raise BookingError(_("A cancelled booking cannot be checked in."))
        if timezone.localdate(booking.start) != timezone.localdate(now):
            raise BookingError(
                _("This booking is for %(date)s, not today.")
                % {"date": timezone.localtime(booking.start).strftime("%d/%m/%Y")}
            )
        booking.status = BookingStatus.CHECKED_IN
        booking.changed_at = now
        booking.handled_by = user if getattr(user, "pk", None) else None
        booking.save(update_fields=["status", "changed_at", "handled_by"])
        return issue_ticket(booking.counter.group, booking=booking, now=now)


def mark_no_show(booking: Booking, user=None, now: datetime | None = None) -> Booking:
    """The visitor did not come (only once the visit's time has begun)."""
    now = now or timezone.now()
    if booking.status != BookingStatus.BOOKED:
        raise BookingError(_("Only a booking nobody checked in can be a no-show."))
    if booking.start > now:
        raise BookingError(_("The visit has not started yet."))
    booking.status = BookingStatus.NO_SHOW
    booking.changed_at = now
    booking.handled_by = user if getattr(user, "pk", None) else None
    booking.save(update_fields=["status", "changed_at", "handled_by"])
    return booking
