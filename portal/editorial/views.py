"""The "Translations out of date" report."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from .freshness import StaleTranslation, stale_translations

# Who may open the report: whoever may translate.
PERMISSION = "wagtail_localize.submit_translation"


def sync_url(item: StaleTranslation) -> str | None:
    """wagtail-localize's "Sync translated pages/snippets" for the source."""
    if item.translation_source_id is None:
        return None
    return reverse(
        "wagtail_localize:update_translations", args=[item.translation_source_id]
    )


class SyncColumn(Column):
    """A link that brings the source's changes into the translations."""

    cell_template_name = "editorial/sync_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["sync_url"] = sync_url(instance)
        return context


class TranslationsOutOfDateView(ReportView):
    """Translated pages and snippets older than their Vietnamese source."""

    page_title = _("Translations out of date")
    header_icon = "globe"
    index_url_name = "editorial_translations_out_of_date"
    index_results_url_name = "editorial_translations_out_of_date_results"
    paginate_by = 50
    list_export = ["title", "kind", "instance.locale", "source_changed_at", "synced_at"]
    export_headings = {
        "title": _("Title"),
        "kind": _("Type"),
        "instance.locale": _("Language"),
        "source_changed_at": _("Source changed"),
        "synced_at": _("Translation last brought up to date"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "ban-dich-cu"

    def get_queryset(self):
        return stale_translations()

    @property
    def columns(self):
        finder = AdminURLFinder(self.request.user)
        return [
            TitleColumn(
                "title",
                label=_("Translation"),
                get_url=lambda item: finder.get_edit_url(item.instance),
            ),
            Column("kind", label=_("Type")),
            Column("instance.locale", label=_("Language")),
            TitleColumn(
                "source",
                label=_("Source"),
                get_url=lambda item: finder.get_edit_url(item.source),
            ),
            DateColumn("source_changed_at", label=_("Source changed")),
            DateColumn("synced_at", label=_("Translation last brought up to date")),
            SyncColumn("sync", label=_("Action")),
        ]
