"""Public forms: the satisfaction rating of a dossier and "was this page helpful?"."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DossierRating

SCORE_CHOICES = [(score, str(score)) for score in range(5, 0, -1)]


class RatingForm(forms.ModelForm):
    """Overall satisfaction and three criteria, 1 (very poor) to 5 (very good)."""

    class Meta:
        model = DossierRating
        fields = ["overall", "clarity", "punctuality", "attitude", "comment"]
        widgets = {
            name: forms.RadioSelect(choices=SCORE_CHOICES)
            for name in ("overall", "clarity", "punctuality", "attitude")
        } | {"comment": forms.Textarea(attrs={"rows": 3, "maxlength": 2000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("overall", "clarity", "punctuality", "attitude"):
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
            )
        self.fields["overall"].label = _("Overall, how satisfied are you?")
        self.fields["clarity"].label = _("Were the instructions clear?")
        self.fields["punctuality"].label = _("Was the result on time?")
        self.fields["attitude"].label = _("How were you treated by the staff?")
        self.fields["comment"].label = _("Comment (optional)")
        self.fields["comment"].max_length = 2000


class PageFeedbackForm(forms.Form):
    """ "Was this page helpful?" (yes/no, optional comment)."""

    page = forms.IntegerField(widget=forms.HiddenInput)
    helpful = forms.TypedChoiceField(
        label=_("Was this page helpful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("How can we improve this page? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        help_text=_("Do not write personal information here."),
    )
