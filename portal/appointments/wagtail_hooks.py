"""Admin: the counter screens (visits today, call numbers) and the counters
and counter groups centre staff keep, in one "Appointments" menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import CallingViewSet, DeskViewSet
from .models import Counter, CounterGroup


class CounterViewSet(SnippetViewSet):
    """Counters and what they serve."""

    model = Counter
    icon = "desktop"
    menu_label = _("Counters")
    list_display = ["number", "name", "group", "accepts_bookings", "active"]
    list_filter = ["group", "active"]
    search_fields = ["number", "name", "name_en"]
    search_backend_name = None  # plain ORM search: the model is not indexed
    ordering = ["group__sort_order", "number"]


class CounterGroupViewSet(SnippetViewSet):
    """Groups of counters that share a queue of walk-in numbers."""

    model = CounterGroup
    icon = "list-ol"
    menu_label = _("Counter groups")
    list_display = ["letter", "name", "sort_order"]
    search_fields = ["name", "name_en", "letter"]
    search_backend_name = None
    ordering = ["sort_order", "letter"]


class AppointmentsViewSetGroup(SnippetViewSetGroup):
    items = (DeskViewSet, CallingViewSet, CounterViewSet, CounterGroupViewSet)
    menu_icon = "calendar-alt"
    menu_label = _("Appointments")
    menu_name = "appointments"
    menu_order = 160


register_snippet(AppointmentsViewSetGroup)
