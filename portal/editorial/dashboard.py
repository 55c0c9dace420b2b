"""The editors' dashboard panel: translations out of date, broken guides."""

from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component

from .freshness import stale_translations
from .guides import broken_guides


class EditorialChecksPanel(Component):
    """What needs an editor's attention across the site."""

    name = "editorial_checks"
    order = 60
    template_name = "editorial/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        finder = AdminURLFinder(self.request.user)
        guides = [
            {"guide": guide, "edit_url": finder.get_edit_url(guide.page)}
            for guide in broken_guides()
        ]
        return {
            "stale_count": len(stale_translations()),
            "report_url": reverse("editorial_translations_out_of_date"),
            "guides": guides,
        }
