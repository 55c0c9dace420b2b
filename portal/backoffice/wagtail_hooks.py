"""Back-office admin: dossier listing and actions, officials, feedback, and the
custom actions it writes to Wagtail's audit log."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .workflow import ACTIONS


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
