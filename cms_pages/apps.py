from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsPagesConfig(AppConfig):
    name = "cms_pages"
    verbose_name = _("Content pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms_pages import signals

        signals.connect()
