"""Counters, booked visits and queue numbers. One module per family;
everything is importable from `portal.appointments.models`."""

from .bookings import HOLDS_PLACE, Booking, BookingStatus, new_booking_code
from .counters import AppointmentSettings, Counter, CounterGroup
from .tickets import Ticket, TicketStatus

__all__ = [
    "HOLDS_PLACE",
    "AppointmentSettings",
    "Booking",
    "BookingStatus",
    "Counter",
    "CounterGroup",
    "Ticket",
    "TicketStatus",
    "new_booking_code",
]
