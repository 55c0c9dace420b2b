"""The admin form of each workflow step; fields appear as the step needs them."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.models import Locale

from cms_pages.models import Agency
from portal.dossiers.validators import CheckedFile, check_upload

from .models import ANSWER_FEATURES, Question
from .workflow import Step, assignable_users

PUBLISH, KEEP_PRIVATE = "publish", "private"


def rich_text_field(label, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=get_rich_text_editor_widget(features=ANSWER_FEATURES),
        **kwargs,
    )


class StepForm(forms.Form):
    """One step on one question."""

    note = forms.CharField(
        label=_("Internal note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the question's history; the asker never sees it."),
    )

    def __init__(self, *args, step: Step, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.question = question
        self.checked: CheckedFile | None = None
        if step.note_required:
            self.fields["note"].required = True
            self.fields["note"].label = _("Reason")
        getattr(self, f"_fields_{step.name}", lambda: None)()

    def _fields_assign(self):
        self.fields["official"] = forms.ModelChoiceField(
            label=_("Official"),
            queryset=assignable_users(self.question).order_by("username"),
        )

    def _fields_answer(self):
        self.fields["answer"] = rich_text_field(
            _("Answer"),
            help_text=_(
                "Written for the asker and, once published, for everyone: "
                "cite the legal texts, never the asker's personal details."
            ),
        )
        self.fields["answer_file"] = forms.FileField(
            label=_("File with the answer"),
            required=False,
            help_text=_("Optional: one PDF, JPEG or PNG file, e.g. the signed reply."),
        )

    def _fields_route(self):
        self.fields["agency"] = forms.ModelChoiceField(
            label=_("Agency that answers"),
            queryset=Agency.objects.filter(locale=Locale.get_default()),
            required=False,
            empty_label=_("The centre itself"),
        )

    def _fields_mark_duplicate(self):
        self.fields["duplicate_of"] = forms.CharField(
            label=_("Reference code of the published question"),
            max_length=24,
            help_text=_("The asker is sent its answer."),
        )

    def _fields_moderate(self):
        question = self.question
        self.fields["public_subject"] = forms.CharField(
            label=_("Subject to publish"),
            max_length=200,
            initial=question.public_subject or question.subject,
        )
        self.fields["public_body"] = forms.CharField(
            label=_("Question to publish"),
            widget=forms.Textarea(attrs={"rows": 6}),
            initial=question.public_body or question.body,
            help_text=_("Remove names, ID numbers, addresses and phone numbers."),
        )
        self.fields["answer"] = rich_text_field(_("Answer"), initial=question.answer)
        self.fields["publish"] = forms.ChoiceField(
            label=_("Decision"),
            choices=[
                (PUBLISH, _("Publish on the portal")),
                (KEEP_PRIVATE, _("Keep private (only the asker sees the answer)")),
            ],
            initial=PUBLISH if question.allow_publication else KEEP_PRIVATE,
            widget=forms.RadioSelect,
        )

    def clean_answer_file(self):
        upload = self.cleaned_data.get("answer_file")
        if upload:
            self.checked = check_upload(upload)
        return upload

    def clean_duplicate_of(self) -> Question:
        reference = self.cleaned_data["duplicate_of"].strip().upper()
        original = Question.objects.public().filter(reference=reference).first()
        if original is None or original.pk == self.question.pk:
            raise ValidationError(_("No published question has this reference code."))
        return original

    def step_fields(self) -> dict:
        """What workflow.perform takes from the form."""
        data = dict(self.cleaned_data)
        data.pop("answer_file", None)
        if "publish" in data:
            data["publish"] = data["publish"] == PUBLISH
        return data
