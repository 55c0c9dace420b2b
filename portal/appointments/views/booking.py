"""Booking a visit: the "book a visit" page (choose a procedure), the booking
page of a procedure (day, time, contact), and the booking itself (the
confirmation with code, QR code, calendar file, documents and location)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cms_pages.models import ProcedurePage, Sector
from portal.security.ratelimit import check_rate
from portal.text import fold, vietnamese_sort_key

from .. import access, details, queries
from ..emails import send_booking_email
from ..forms import BookingForm
from ..ics import booking_ics
from ..services import BookingError, Visitor, book
from ..slots import Slot, last_bookable_day
from .common import days_of, parse_day, private_page, slot_picker

MAX_RESULTS = 50
# The session remembers the booking just made, for the confirmation panel.
NEW_BOOKING = "appointments_new"


def _procedures_in_language(procedures: list[ProcedurePage]) -> list[dict]:
    """Code, name and sector in the active language (one query for English)."""
    language = (translation.get_language() or "vi")[:2]
    names: dict[str, str] = {}
    if language != settings.LANGUAGE_CODE:
        names = dict(
            ProcedurePage.objects.live()
            .filter(
                locale__language_code=language, code__in=[p.code for p in procedures]
            )
            .values_list("code", "title")
        )
    return [
        {"code": p.code, "name": names.get(p.code) or p.name, "sector_id": p.sector_id}
        for p in procedures
    ]


def _sector_names(ids: set[int]) -> dict[int, str]:
    """Sector names in the active language, keyed by the default-locale id."""
    sectors = {s.pk: s for s in Sector.objects.filter(pk__in=ids)}
    language = (translation.get_language() or "vi")[:2]
    translated = dict(
        Sector.objects.filter(
            locale__language_code=language,
            translation_key__in=[s.translation_key for s in sectors.values()],
        ).values_list("translation_key", "name")
    )
    return {pk: translated.get(s.translation_key, s.name) for pk, s in sectors.items()}


def book_index(request):
    """Đặt lịch hẹn: find the procedure the visit is for (by words or sector)."""
    query = (request.GET.get("q") or "").strip()[:200]
    sector = (request.GET.get("sector") or "").strip()
    procedures = _procedures_in_language(queries.bookable_procedures())
    sectors = _sector_names({p["sector_id"] for p in procedures})
    results = procedures
    if sector.isascii() and sector.isdigit():
        results = [p for p in results if p["sector_id"] == int(sector)]
    if query:
        words = fold(query).split()
        results = [
            p
            for p in results
            if all(w in fold(f"{p['code']} {p['name']}") for w in words)
        ]
    searched = bool(query or sector)
    return render(
        request,
        "appointments/book_index.html",
        {
            "query": query,
            "sector": sector,
            "sectors": sorted(
                sectors.items(), key=lambda item: vietnamese_sort_key(item[1])
            ),
            "results": results[:MAX_RESULTS] if searched else [],
            "count": len(results) if searched else 0,
            "searched": searched,
            "bookable": bool(procedures),
        },
    )


def _procedures(code: str) -> tuple[ProcedurePage, ProcedurePage]:
    """(page in the visitor's language, default-locale page) or 404."""
    source = queries.source_procedure(code)
    if source is None or not queries.is_bookable(source):
        raise Http404(_("No visit can be booked for this procedure."))
    return queries.localised_procedure(code) or source, source


def _window(rules: queries.BookingRules) -> tuple[date, date]:
    today = timezone.localdate()
    return today, last_bookable_day(today, rules.calendar, rules.rules.window_days)


def _try_booking(
    request, form: BookingForm, source: ProcedurePage, rules: queries.BookingRules
) -> tuple[HttpResponse | None, list[Slot], date | None]:
    """(redirect to the booking, or None; alternatives offered; day wanted)."""
    if not form.is_valid():
        slot = form.cleaned_data.get("slot")
        return None, [], timezone.localdate(slot) if slot else None
    wanted = form.cleaned_data["slot"]
    if form.is_spam:
        form.add_error(None, _("Your booking could not be sent. Please try again."))
        return None, [], timezone.localdate(wanted)
    visitor = Visitor(
        name=form.cleaned_data["name"],
        phone=form.cleaned_data["phone"],
        email=form.cleaned_data["email"],
        language=(translation.get_language() or "vi")[:2],
    )
    try:
        booking = book(source, wanted, visitor, rules=rules)
    except BookingError as error:
        form.add_error("slot" if error.alternatives else None, error.message)
        return None, error.alternatives, timezone.localdate(wanted)
    access.grant(request, booking)
    request.session[NEW_BOOKING] = booking.code
    send_booking_email(booking, "confirmation")
    return redirect("appointments:booking", code=booking.code), [], None


@require_http_methods(["GET", "POST"])
def book_visit(request, procedure_code: str):
    """Choose a day (GET), then a time and who is coming (POST)."""
    page, source = _procedures(procedure_code)
    rules = queries.load_rules()
    first, last = _window(rules)
    form, alternatives = None, []
    if request.method == "POST":
        limited = check_rate(request, "appointments_book")
        if limited is not None:
            return limited
        form = BookingForm(request.POST)
        done, alternatives, day = _try_booking(request, form, source, rules)
        if done is not None:
            return done
        day = day or parse_day(request.POST.get("day"))
    else:
        day = parse_day(request.GET.get("day"))
    grouped = days_of(queries.free_slots(source, first, last, rules=rules))
    context = {
        **slot_picker(BookingForm, form, grouped, day, alternatives),
        "procedure": page,
        "day_full": day is not None and first <= day <= last and day not in grouped,
        "first_day": first,
        "last_day": last,
        "counters": queries.counters_for(source),
        "alternatives": alternatives,
    }
    return private_page(render(request, "appointments/book.html", context))


def booking_page(request, code: str):
    """The booking: confirmation panel (just booked), code, time, counter,
    QR code, documents to bring, calendar file, change or cancel."""
    booking = access.granted_booking(request, code)
    if booking is None:
        return redirect(f"{reverse('appointments:manage')}?{urlencode({'code': code})}")
    just_booked = request.session.pop(NEW_BOOKING, None) == booking.code
    language = (translation.get_language() or "vi")[:2]
    centre = details.centre_settings()
    context = {
        "booking": booking,
        "just_booked": just_booked,
        "counter": booking.counter,
        "centre": centre,
        "documents": details.documents_to_bring(booking, language),
        "procedure_page": details.procedure_in(booking, language),
        "qr_svg": details.qr_svg(booking),
        "is_active": booking.is_active,
    }
    return private_page(render(request, "appointments/booking.html", context))


def booking_calendar_file(request, code: str):
    """The booking as an .ics file (for the browser that may see it)."""
    booking = access.granted_booking(request, code)
    if booking is None:
        raise Http404
    centre = details.centre_settings()
    text = booking_ics(
        booking,
        centre_name=centre.display_name,
        address=centre.display_address,
        host=request.get_host().split(":")[0] or "portal",
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{booking.code}.ics"'
    return private_page(response)
