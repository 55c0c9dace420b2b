from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    """The officials' side of dossiers: status machine, permissions, deadlines, admin."""

    name = "portal.backoffice"
    label = "backoffice"
    verbose_name = _("Back office")
    default_auto_field = "django.db.models.BigAutoField"
