"""Back-office admin: dossier listing and actions, the due-date dashboard panel,
officials, and the custom audit-log actions."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from portal.dossiers.models import Dossier

from . import deadlines
from .admin_views import dossier_viewset
from .official_views import officials_viewset
from .permissions import (
    DossierPermissionPolicy,
    can_access_backoffice,
    visible_dossiers,
)
from .workflow import ACTIONS

register_permission_policy(Dossier, DossierPermissionPolicy(Dossier))


@hooks.register("register_admin_viewset")
def register_dossier_viewset():
    return dossier_viewset


@hooks.register("register_admin_viewset")
def register_officials_viewset():
    return officials_viewset


@hooks.register("register_log_actions")
def register_dossier_log_actions(actions):
    """Each workflow action appears by name in Wagtail's history and audit log."""
    for action in ACTIONS.values():
        actions.register_action(
            action.log_action,
            action.label,
            format_lazy("{}: {}", _("Dossier"), action.label),
        )
    actions.register_action(
        "backoffice.dossier.download",
        _("Download a dossier document"),
        _("Dossier document downloaded"),
    )
    actions.register_action(
        "backoffice.dossier.export_answers",
        _("Export e-form answers"),
        _("E-form answers exported (CSV)"),
    )


class DueDossiersPanel(Component):
    """Dashboard panel: overdue dossiers and those due within the warning period."""

    name = "due_dossiers"
    order = 50
    template_name = "backoffice/admin/due_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        mine = visible_dossiers(self.request.user).select_related("agency")
        days = deadlines.warning_days(self.request)
        overdue = deadlines.overdue(mine).order_by("appointment_date", "pk")
        due = deadlines.due_soon(days, mine).order_by("appointment_date", "pk")
        return {
            "overdue": overdue[:10],
            "overdue_count": overdue.count(),
            "due": due[:10],
            "due_count": due.count(),
            "days": days,
        }


@hooks.register("construct_homepage_panels")
def add_due_dossiers_panel(request, panels):
    if can_access_backoffice(request.user):
        panels.append(DueDossiersPanel(request))


@hooks.register("insert_global_admin_css")
def dossier_listing_css():
    """The listing's due-date flags (words and icons, coloured as well)."""
    return format_html(
        '<link rel="stylesheet" href="{}">', static("css/backoffice-admin.css")
    )
