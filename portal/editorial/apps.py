from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """What editors work with around the content: roles and the second-person
    review, translation freshness, ASCII slugs and the Vietnamese admin."""

    name = "portal.editorial"
    label = "editorial"
    verbose_name = _("Editorial work")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from . import checks, signals  # noqa: F401  (registers checks and receivers)
        from .upstream_labels import label_link_chooser_fields
        from .widgets import AsciiSlugInput

        label_link_chooser_fields()

        # Every slug field of the admin (pages, snippets) folds Vietnamese.
        register_form_field_override(
            models.SlugField, override={"widget": AsciiSlugInput}
        )
