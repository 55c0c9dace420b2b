"""Transparency in Wagtail: the admin listings of ratings and page feedback,
and the key figures the home page shows (the `portal_home_statistics` hook)."""

from django.core.cache import cache
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.cache_control import STATISTICS_SECONDS

from .admin_views import feedback_viewsets
from .statistics import compute, default_period


@hooks.register("register_admin_viewset")
def register_feedback_viewsets():
    return feedback_viewsets


@hooks.register("portal_home_statistics")
def home_figures(request):
    """Key figures of the last 12 months for the home page ([] without dossiers).

    Kept a minute in the shared cache: the home page is the most visited, and
    these figures may lag a closing dossier by that much (as the front cache's
    copy of the statistics does; docs/operations.md).
    """
    period = default_period()
    key = f"transparency:home-total:{period.from_param}"
    total = cache.get(key)
    if total is None:
        total = compute("month", period)[1]
        if total.received:  # a site without dossiers shows them from the first
            cache.set(key, total, STATISTICS_SECONDS)
    if not total.received:
        return []
    url = reverse("statistics")
    figures = [
        {
            "label": _("Dossiers received in the last 12 months"),
            "value": number_format(total.received, force_grouping=True),
            "url": url,
        }
    ]
    if total.on_time_rate is not None:
        figures.append(
            {
                "label": _("Resolved on time"),
                "value": f"{number_format(total.on_time_rate, 1)}%",
                "note": _("of %(n)s dossiers resolved") % {"n": total.resolved},
                "url": f"{url}#on-time",
            }
        )
    if total.average_working_days is not None:
        figures.append(
            {
                "label": _("Average processing time"),
                "value": _("%(days)s working days")
                % {"days": number_format(total.average_working_days, 1)},
                "url": url,
            }
        )
    if total.satisfaction is not None:
        figures.append(
            {
                "label": _("Satisfaction"),
                "value": f"{number_format(total.satisfaction_shown, 1)}/5",
                "note": _("%(n)s ratings") % {"n": total.ratings},
                "url": url,
            }
        )
    return figures
