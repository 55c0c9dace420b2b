from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    """What the centre shows the public about its work: on-time statistics,
    satisfaction ratings and "was this page helpful?" answers."""

    name = "portal.transparency"
    label = "transparency"
    verbose_name = _("Transparency")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the cache invalidation
