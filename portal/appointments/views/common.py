"""Pieces the public booking views share: the day picker and the headers of
pages that show a booking."""

from __future__ import annotations

import re
from collections import OrderedDict
from datetime import date

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.form_errors import error_summary

from ..slots import Slot

DAY_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def parse_day(value: str | None) -> date | None:
    """A YYYY-MM-DD date, or None when missing or malformed (never an error)."""
    value = (value or "").strip()
    if not DAY_RE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def days_of(slots: list[Slot]) -> OrderedDict[date, list[Slot]]:
    """The slots grouped by day, in order."""
    from django.utils import timezone

    grouped: OrderedDict[date, list[Slot]] = OrderedDict()
    for slot in slots:
        grouped.setdefault(timezone.localdate(slot.start), []).append(slot)
    return grouped


def day_choices(grouped: OrderedDict[date, list[Slot]]) -> list[dict]:
    """One entry per day with free places, for the day picker."""
    return [
        {
            "date": day,
            "value": day.isoformat(),
            "places": sum(s.available for s in slots),
        }
        for day, slots in grouped.items()
    ]


def slots_for_form(day_slots: list[Slot], alternatives: list[Slot]) -> list[Slot]:
    """The day's free slots, plus the alternatives a full slot offered."""
    merged = {slot.start: slot for slot in [*alternatives, *day_slots]}
    return sorted(merged.values(), key=lambda slot: slot.start)


def times_label(day_text: str) -> str:
    """The legend of the time radio buttons: "Times on Monday 01/02/2027"."""
    return _("Times on %(day)s") % {"day": day_text}


def slot_texts() -> dict[str, str]:
    """Texts the calendar script fills in ({n}, {day}), in the page's language."""
    return {
        "place_one": ngettext("%(n)s place left", "%(n)s places left", 1)
        % {"n": "{n}"},
        "place_many": ngettext("%(n)s place left", "%(n)s places left", 2)
        % {"n": "{n}"},
        "times_pattern": times_label("{day}"),
    }


def slot_picker(form_class, form, grouped, day, alternatives) -> dict:
    """The context of a page that picks a day and a time: the form whose
    radio buttons are the free slots of `day` (else of the first day with
    free places), the days for the day picker and the error summary.

    A day without free places stays chosen when a full slot offered
    `alternatives`, so the visitor sees them where they chose.
    """
    if day not in grouped and not alternatives:
        day = next(iter(grouped), None)
    slots = slots_for_form(grouped.get(day, []), alternatives)
    if form is None:
        form = form_class(slots=slots)
    else:
        form.set_slots(slots)
    if day is not None:
        form.fields["slot"].label = times_label(date_format(day, "l d/m/Y"))
    return {
        **slot_texts(),
        "form": form,
        "errors": error_summary(form),
        "days": day_choices(grouped),
        "day": day,
    }


def private_page(response: HttpResponse) -> HttpResponse:
    """A page with a visitor's booking or its forms: never cached, and no
    Referer to other sites.

    `same-origin` rather than `no-referrer`: with `no-referrer` browsers send
    `Origin: null` on the page's own POST forms, which Django's CSRF check
    refuses. No URL of these pages carries a secret (the verification code
    travels only in POST bodies), so our own Referer leaks nothing.
    """
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "same-origin"
    return response
