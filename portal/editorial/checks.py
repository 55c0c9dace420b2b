"""System checks that keep the admin's search boxes working."""

from django.apps import apps
from django.core import checks
from wagtail.models import TranslatableMixin
from wagtail.search import index


@checks.register(checks.Tags.models)
def translatable_models_filter_by_locale(app_configs=None, **kwargs):
    """Translatable, searchable models must index `locale` as a filter field:
    the admin's listings and choosers filter by language before searching, and
    without it every search in them fails (issue 17)."""
    errors = []
    for model in apps.get_models():
        if not (
            issubclass(model, TranslatableMixin) and issubclass(model, index.Indexed)
        ):
            continue
        names = {
            field.field_name
            for field in model.get_search_fields()
            if isinstance(field, index.FilterField)
        }
        if not names & {"locale", "locale_id"}:
            errors.append(
                checks.Error(
                    f'{model.__name__}.search_fields has no index.FilterField("locale").',
                    hint="Admin listings and choosers filter by locale before searching.",
                    obj=model,
                    id="editorial.E001",
                )
            )
    return errors
