"""Forms of the back office: one workflow action on a dossier."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from cms_pages.snippets import Agency
from portal.dossiers.models import Dossier, ReceiptMethod
from portal.dossiers.results import RESULT_ACTIONS
from portal.dossiers.validators import check_upload

from .workflow import Action, Missing


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that takes several files at once."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; cleans to a list (empty when none)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ActionForm(forms.Form):
    """One workflow action; fields appear according to what the action needs."""

    note = forms.CharField(
        label=_("Note for the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the tracking page and in the email to the applicant."),
    )
    internal_note = forms.CharField(
        label=_("Internal note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only officials see this."),
    )

    def __init__(self, *args, action: Action, dossier: Dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.dossier = dossier
        if action.note_required:
            self.fields["note"].required = True
            self.fields["note"].label = _("Reason (the applicant will read it)")
        if action.name == "transfer":
            self.fields["to_agency"] = forms.ModelChoiceField(
                label=_("Transfer to"),
                queryset=Agency.objects.filter(locale=Locale.get_default()).exclude(
                    pk=dossier.agency_id
                ),
            )
        if action.name == "request_supplement":
            documents = []
            if dossier.procedure_id:
                documents = [
                    (str(doc.pk), doc.name) for doc in dossier.procedure.documents.all()
                ]
            self.fields["documents"] = forms.MultipleChoiceField(
                label=_("Missing or incorrect documents"),
                choices=documents,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields["other_documents"] = forms.CharField(
                label=_("Other documents (one per line)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        if action.name in RESULT_ACTIONS:
            online = dossier.receipt_method == ReceiptMethod.ONLINE
            self.fields["result_files"] = MultipleFileField(
                label=_("Signed result files"),
                required=False,
                help_text=_(
                    "PDF, JPEG or PNG. The applicant chose to receive the result "
                    "online: they download these files from the tracking page."
                )
                if online
                else _(
                    "Optional: PDF, JPEG or PNG. A copy the applicant can also "
                    "download from the tracking page."
                ),
                widget=MultipleFileInput(
                    attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/*"}
                ),
            )
        if action.name == "apologise":
            self.fields["new_date"] = forms.DateField(
                label=_("New appointment date"),
                widget=forms.DateInput(attrs={"type": "date"}),
                help_text=_("A working day after today."),
            )

    def missing(self) -> list[Missing]:
        """The documents a supplement request lists."""
        names = dict(self.fields["documents"].choices)
        items = [
            Missing(name=names[pk], procedure_document_id=int(pk))
            for pk in self.cleaned_data.get("documents", [])
        ]
        items += [
            Missing(name=line.strip())
            for line in self.cleaned_data.get("other_documents", "").splitlines()
            if line.strip()
        ]
        return items

    def result_uploads(self) -> list:
        """The result files that passed the upload checks: (upload, CheckedFile)."""
        return getattr(self, "checked_results", [])

    def clean_result_files(self) -> list:
        self.checked_results = []
        errors = []
        for upload in self.cleaned_data.get("result_files") or []:
            try:
                self.checked_results.append((upload, check_upload(upload)))
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return self.cleaned_data.get("result_files") or []

    def clean(self):
        cleaned = super().clean()
        if self.action.name == "request_supplement" and not self.errors:
            if not self.missing():
                raise forms.ValidationError(
                    _("List at least one missing document."), code="required"
                )
        return cleaned
