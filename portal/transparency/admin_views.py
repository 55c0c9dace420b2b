"""Admin listings of what the public sent: satisfaction ratings and "was this
page helpful?" answers (read, export as CSV/XLSX, delete; never edit)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from portal.security.exports import SafeExportIndexView

from .models import DossierRating, PageFeedback


class ReadOnlyViewSet(ModelViewSet):
    """A listing with inspect, export and delete, but no add or edit forms:
    these records come from the public site."""

    inspect_view_enabled = True
    copy_view_enabled = False
    # Exports carry what citizens typed: formula prefixes are neutralised.
    index_view_class = SafeExportIndexView
    search_backend_name = None

    def get_common_view_kwargs(self, **kwargs):
        # No add, edit, copy, history or usage views are registered.
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("delete/<int:pk>/", self.delete_view, name="delete"),
        ]


class DossierRatingViewSet(ReadOnlyViewSet):
    """Satisfaction ratings given by applicants."""

    model = DossierRating
    icon = "pick"
    menu_label = _("Satisfaction ratings")
    name = "transparency_ratings"
    url_prefix = "danh-gia"
    list_display = [
        Column("dossier", label=_("Dossier")),
        Column("overall", label=_("Overall"), sort_key="overall"),
        Column("clarity", label=_("Clarity")),
        Column("punctuality", label=_("Punctuality")),
        Column("attitude", label=_("Attitude")),
        Column("comment", label=pgettext_lazy("feedback", "Comment")),
        DateColumn("created_at", label=_("Rated at"), sort_key="created_at"),
    ]
    list_filter = ["overall"]
    search_fields = ["comment", "dossier__code"]
    list_export = [
        "dossier",
        "overall",
        "clarity",
        "punctuality",
        "attitude",
        "comment",
        "created_at",
    ]
    export_filename = "danh-gia-hai-long"
    inspect_view_fields = [
        "dossier",
        "overall",
        "clarity",
        "punctuality",
        "attitude",
        "comment",
        "created_at",
    ]


class PageFeedbackViewSet(ReadOnlyViewSet):
    """Answers to "Was this page helpful?", per page."""

    model = PageFeedback
    icon = "help"
    menu_label = _("Page feedback")
    name = "transparency_page_feedback"
    url_prefix = "y-kien-trang"
    list_display = [
        Column("page", label=_("Page")),
        Column("helpful", label=_("Helpful")),
        Column("comment", label=pgettext_lazy("feedback", "Comment")),
        Column("language", label=_("Language")),
        DateColumn("created_at", label=_("Answered at"), sort_key="created_at"),
    ]
    list_filter = ["helpful", "language"]
    search_fields = ["comment", "page__title"]
    list_export = ["page", "page_id", "helpful", "comment", "language", "created_at"]
    export_filename = "y-kien-ve-trang"
    inspect_view_fields = ["page", "helpful", "comment", "language", "created_at"]


class FeedbackGroup(ModelViewSetGroup):
    """The "Feedback" menu."""

    menu_label = _("Feedback")
    menu_icon = "comment"
    menu_order = 160
    items = (DossierRatingViewSet, PageFeedbackViewSet)


feedback_viewsets = FeedbackGroup()
