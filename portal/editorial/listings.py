"""Admin listings and choosers of translatable snippets: a language column and
filter in the listing, a language filter labelled in the admin's language in
the chooser.

Wagtail's chooser adds a `locale` field to the filter form of a translatable
model without a label, so Django writes the field name, "Locale", in English
whatever the admin language
(wagtail/admin/forms/choosers.py, `LocaleFilterMixin`).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import LocaleColumn
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import SnippetViewSet


class LanguageFilterLabelMixin:
    """Labels the chooser's locale filter."""

    def get_filter_form(self):
        form = super().get_filter_form()
        if "locale" in form.fields:
            form.fields["locale"].label = _("Language")
        return form


class LanguageChooseView(LanguageFilterLabelMixin, ChooseView):
    """The chooser modal."""


class LanguageChooseResultsView(LanguageFilterLabelMixin, ChooseResultsView):
    """The chooser's results, refreshed as the editor types or filters."""


class TranslatableSnippetChooserViewSet(SnippetChooserViewSet):
    """The chooser of a translatable snippet (set as `chooser_viewset_class`)."""

    choose_view_class = LanguageChooseView
    choose_results_view_class = LanguageChooseResultsView


class TranslatableSnippetViewSet(SnippetViewSet):
    """A listing of a translatable snippet: its chooser names the language filter."""

    chooser_viewset_class = TranslatableSnippetChooserViewSet


def language_column() -> LocaleColumn:
    """The listing column showing each row's language."""
    return LocaleColumn(label=_("Language"))


def language_filters(model, fields: tuple[str, ...] = ()) -> type[WagtailFilterSet]:
    """A filter set for a translatable model: Wagtail adds the language filter
    to any filter set of such a model, `fields` are the other filters."""
    meta = type("Meta", (), {"model": model, "fields": list(fields)})
    return type(f"{model.__name__}Filters", (WagtailFilterSet,), {"Meta": meta})
