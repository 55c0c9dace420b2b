"""Admin form for procedure pages: the rules an editor must meet, in their language."""

from django import forms
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


def _live_forms(formset) -> list[forms.Form]:
    """Forms of an inline formset that are filled in and not marked for deletion."""
    return [
        form
        for form in formset.forms
        if form.has_changed() or form.instance.pk
        if not (formset.can_delete and formset._should_delete_form(form))
    ]


class ProcedurePageForm(WagtailAdminPageForm):
    """Checks that a procedure has at least one step and one document."""

    def clean(self):
        cleaned_data = super().clean()
        for relation, message in (
            ("steps", _("Add at least one step.")),
            ("documents", _("Add at least one document to the dossier.")),
        ):
            formset = self.formsets.get(relation)
            if formset is None:
                continue
            # Validate the rows first (the result does not matter here: an
            # empty list also fails the panel's min_num, with a generic text).
            formset.is_valid()
            if not _live_forms(formset):
                self.add_error(None, message)
        return cleaned_data
