from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_table(sender, using: str = "default", **kwargs) -> None:
    """Create the database cache table with every `migrate` (it has no migration).

    Rate limits and throttles live in that cache, shared by every app process.
    """
    call_command("createcachetable", database=using, verbosity=0)


class PortalConfig(AppConfig):
    """The project package itself: templatetags, management commands, locale."""

    name = "portal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # post_migrate is only sent for apps with models; hang it on one of ours.
        post_migrate.connect(
            create_cache_table, sender=self.apps.get_app_config("cms_pages")
        )
        from portal import frontend_cache

        frontend_cache.connect()
