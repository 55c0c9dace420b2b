"""Appointment URLs. `public_urlpatterns` go inside i18n_patterns (before
Wagtail's catch-all); `api_urlpatterns` stay outside the language prefix."""

from django.urls import path, re_path

from .views import api, booking, centre, manage

BOOKING = r"(?P<code>LH-[A-Z0-9]{6})"

public_urlpatterns = [
    path("dat-lich/", booking.book_index, name="book_index"),
    path("dat-lich/quan-ly/", manage.manage, name="manage"),
    re_path(rf"^dat-lich/{BOOKING}/$", booking.booking_page, name="booking"),
    re_path(
        rf"^dat-lich/{BOOKING}/lich-hen\.ics$",
        booking.booking_calendar_file,
        name="booking_ics",
    ),
    re_path(rf"^dat-lich/{BOOKING}/huy/$", manage.cancel_booking, name="cancel"),
    re_path(rf"^dat-lich/{BOOKING}/doi-lich/$", manage.move_booking, name="move"),
    re_path(
        r"^dat-lich/thu-tuc/(?P<procedure_code>[\w.\-]{1,32})/$",
        booking.book_visit,
        name="book",
    ),
    path("lay-so/", centre.kiosk, name="kiosk"),
    re_path(
        r"^lay-so/(?P<label>[A-Z]{1,2}\d{3,6})/$", centre.kiosk_ticket, name="ticket"
    ),
    path("bang-goi-so/", centre.board_page, name="board"),
]

api_urlpatterns = [
    path("api/appointments/slots/", api.slots_api, name="slots_api"),
    path("api/appointments/board/", api.board_api, name="board_api"),
]
