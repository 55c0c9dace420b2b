"""Admin screens for the dossier app: the working-day calendar editors keep,
and the audit-log action of the applicant's result downloads."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
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


@hooks.register("register_log_actions")
def register_result_download(actions):
    """Each download of a result file from the tracking page is in the audit log."""
    actions.register_action(
        "dossiers.result.download",
        _("Download of a result by the applicant"),
        _("Result downloaded by the applicant"),
    )
