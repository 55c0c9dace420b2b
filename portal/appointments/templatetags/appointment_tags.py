"""Template tags for pages of other apps: may a visit be booked for this procedure?"""

from django import template
from django.db.models import Q

from ..models import Counter

register = template.Library()


@register.simple_tag
def visit_bookable(page) -> bool:
    """True when the procedure is handed in at the centre and an open counter
    serves its agency or sector (one query; pages in any language)."""
    if not getattr(page, "channel_in_person", False):
        return False
    agency = getattr(page, "agency", None)
    sector = getattr(page, "sector", None)
    keys = Q()
    if agency is not None:
        keys |= Q(agencies__translation_key=agency.translation_key)
    if sector is not None:
        keys |= Q(sectors__translation_key=sector.translation_key)
    if not keys:
        return False
    return Counter.objects.filter(keys, active=True, accepts_bookings=True).exists()


CHART_DAYS = 31


@register.inclusion_tag("appointments/includes/day_chart.html")
def visit_day_chart(by_day) -> dict:
    """Geometry of the SVG column chart of bookings per day (the last
    CHART_DAYS days of the period that had bookings)."""
    rows = list(by_day)[-CHART_DAYS:]
    base, top, step = 120, 12, 22
    biggest = max((row.bookings for row in rows), default=0) or 1
    bars = []
    for index, row in enumerate(rows):
        height = round((base - top) * row.bookings / biggest, 1)
        bars.append(
            {
                "x": index * step,
                "label": f"{row.key[8:10]}/{row.key[5:7]}",
                "date": row.key,
                "bookings": row.bookings,
                "height": height,
                "y": round(base - height, 1),
                "text_y": round(base - height - 3, 1),
            }
        )
    return {
        "bars": bars,
        "width": max(step * len(bars), step),
        "height": base + 18,
        "base": base,
        "label_y": base + 14,
    }
