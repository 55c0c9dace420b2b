from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project package itself: templatetags, management commands, locale."""

    name = "portal"
    default_auto_field = "django.db.models.BigAutoField"
