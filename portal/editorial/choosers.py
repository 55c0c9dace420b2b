"""Snippet choosers whose language filter reads "Language" in the admin's language.

Wagtail's chooser adds a `locale` field to the filter form of a translatable
model without a label, so Django writes the field name, "Locale", in English
whatever the admin language
(wagtail/admin/forms/choosers.py, `LocaleFilterMixin`).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)


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
