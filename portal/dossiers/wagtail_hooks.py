"""Admin screens for the dossier app: the working-day calendar editors keep."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CalendarDay


class CalendarDayViewSet(SnippetViewSet):
    """Holidays, substitute days off and make-up working days."""

    model = CalendarDay
    icon = "date"
    menu_label = _("Working-day calendar")
    menu_name = "working_day_calendar"
    add_to_settings_menu = True
    list_display = ["date", "kind", "name", "name_en"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en"]
    search_backend_name = None  # plain ORM search: the model is not indexed
    ordering = ["date"]


register_snippet(CalendarDayViewSet)
