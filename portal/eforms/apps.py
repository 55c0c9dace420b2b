from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EFormsConfig(AppConfig):
    """Low-code e-forms: definitions editors build, answers dossiers keep."""

    name = "portal.eforms"
    label = "eforms"
    verbose_name = _("E-forms")
    default_auto_field = "django.db.models.BigAutoField"
