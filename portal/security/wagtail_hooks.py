"""Admin integration: the lockout screen in the Settings menu, audit-log labels."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .lockout import LOCKOUT_ACTION, UNLOCK_ACTION


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [
        path("security/lockouts/", views.lockouts, name="security_lockouts"),
        path(
            "security/lockouts/<int:pk>/unlock/",
            views.unlock_view,
            name="security_unlock",
        ),
    ]


class LockoutMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_unlock(request.user)


@hooks.register("register_settings_menu_item")
def register_lockout_menu_item():
    return LockoutMenuItem(
        _("Login lockouts"),
        reverse("security_lockouts"),
        icon_name="lock",
        order=900,
    )


@hooks.register("register_log_actions")
def register_security_log_actions(actions):
    actions.register_action(
        LOCKOUT_ACTION, _("Locked out after failed logins"), _("Login locked out")
    )
    actions.register_action(UNLOCK_ACTION, _("Unlock a login"), _("Login unlocked"))
