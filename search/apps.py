from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = _("Procedure search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connect the signal handlers that keep the index in step with pages.
        from search import signals  # noqa: F401
