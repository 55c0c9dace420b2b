"""Public forms: asking, following a question, and the index/API filters.

Every message is in the visitor's language. The asker's contact details are
checked with the dossiers' validators; the attachment with the dossiers'
upload check (portal.dossiers.validators.check_upload).
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from cms_pages.models import Agency, ProcedurePage, Sector
from portal.dossiers.validators import CheckedFile, check_upload, validate_mobile

from .models import QuestionKind, Topic
from .queries import MAX_PAGE_SIZE, QuestionFilters, localised_names
from .services import Asked

SUBJECT_MAX_LENGTH = 200
# The API's page numbers (portal/api/openapi.yaml, components.parameters.Page).
MAX_PAGE = 10_000
QUESTION_MAX_LENGTH = 4000
QUESTION_MIN_LENGTH = 10
SLUG = re.compile(r"\A[a-z0-9-]{1,100}\Z")
CODE = re.compile(r"\A[0-9A-Za-z.\-]{1,32}\Z")


def snippet_choices(model, language: str) -> list[tuple[str, str]]:
    """Default-locale sectors or agencies, named in `language`, by name."""
    pks = model.objects.filter(locale=Locale.get_default()).values_list("pk", flat=True)
    names = localised_names(model, pks, language)
    return sorted(((str(pk), name) for pk, name in names.items()), key=lambda c: c[1])


class AskForm(forms.Form):
    """Ask a question or send a report (one page, works without JavaScript)."""

    kind = forms.ChoiceField(
        label=_("What would you like to send?"),
        choices=QuestionKind.choices,
        initial=QuestionKind.QUESTION,
        widget=forms.RadioSelect,
    )
    topic = forms.ChoiceField(
        label=_("What is it about?"),
        choices=Topic.choices,
        initial=Topic.PROCEDURE,
        widget=forms.RadioSelect,
        help_text=_("It decides which agency answers you."),
    )
    procedure = forms.CharField(
        label=_("Procedure code"),
        required=False,
        max_length=32,
        help_text=_("The code is at the top of the procedure's page, e.g. 1.001193."),
    )
    sector = forms.TypedChoiceField(label=_("Sector"), required=False, coerce=int)
    agency = forms.TypedChoiceField(label=_("Agency"), required=False, coerce=int)
    subject = forms.CharField(
        label=_("Subject"),
        max_length=SUBJECT_MAX_LENGTH,
        error_messages={"required": _("Enter the subject of your question.")},
        help_text=_(
            "In a few words, e.g. “Which papers do I need for a first ID card?”"
        ),
    )
    body = forms.CharField(
        label=_("Your question or report"),
        min_length=QUESTION_MIN_LENGTH,
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write your question or report.")},
    )
    attachment = forms.FileField(
        label=_("Attach a file"),
        required=False,
        help_text=_(
            "One PDF, JPEG or PNG file, e.g. a photo of the paper you ask about."
        ),
    )
    asker_name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        error_messages={"required": _("Enter your full name.")},
    )
    asker_email = forms.EmailField(label=_("Email"), required=False, max_length=254)
    asker_phone = forms.CharField(
        label=_("Mobile phone"), required=False, max_length=20
    )
    allow_publication = forms.BooleanField(
        label=_(
            "The centre may publish my question and its answer, without my name "
            "or contact details, to help others"
        ),
        required=False,
        initial=True,
    )

    def __init__(self, *args, language: str = "vi", **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.checked: CheckedFile | None = None
        # Interpolated here, in the visitor's language (at import time it
        # would be the default language's).
        self.fields["body"].help_text = _(
            "At most %(n)s characters. Do not write your citizen ID number or "
            "other personal details here: the question may be published."
        ) % {"n": QUESTION_MAX_LENGTH}
        empty = [("", _("Choose…"))]
        self.fields["sector"].choices = empty + snippet_choices(Sector, language)
        self.fields["agency"].choices = empty + snippet_choices(Agency, language)
        for name in ("procedure", "sector", "agency"):
            # Needed for its topic only: the page does not call it optional.
            self.fields[name].conditional = True

    def clean_procedure(self) -> ProcedurePage | None:
        code = self.cleaned_data.get("procedure", "").strip()
        if not code:
            return None
        page = (
            ProcedurePage.objects.live()
            .public()
            .filter(code__iexact=code, locale=Locale.get_default())
            .select_related("agency", "sector")
            .first()
            if CODE.match(code)
            else None
        )
        if page is None:
            raise ValidationError(
                _(
                    "No procedure has the code %(code)s. Check it on the procedure's page."
                )
                % {"code": code[:32]},
                code="unknown_procedure",
            )
        return page

    def clean_asker_phone(self) -> str:
        phone = self.cleaned_data.get("asker_phone", "").strip()
        return validate_mobile(phone) if phone else ""

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            self.checked = check_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        topic = cleaned.get("topic")
        needed = {
            Topic.PROCEDURE: ("procedure", _("Give the code of the procedure.")),
            Topic.SECTOR: ("sector", _("Choose the sector.")),
            Topic.AGENCY: ("agency", _("Choose the agency.")),
        }.get(topic)
        if needed and needed[0] not in self.errors and not cleaned.get(needed[0]):
            self.add_error(needed[0], ValidationError(needed[1], code="required"))
        if (
            not cleaned.get("asker_email")
            and not cleaned.get("asker_phone")
            and not {"asker_email", "asker_phone"} & set(self.errors)
        ):
            self.add_error(
                "asker_email",
                ValidationError(
                    _(
                        "Give an email address or a mobile phone number, so we can answer you."
                    ),
                    code="no_contact",
                ),
            )
        return cleaned

    def asked(self) -> Asked:
        """What the service stores (only the topic's own choice is kept)."""
        data = self.cleaned_data
        topic = data["topic"]
        sector = agency = None
        if topic == Topic.SECTOR:
            sector = Sector.objects.get(pk=data["sector"])
        if topic == Topic.AGENCY:
            agency = Agency.objects.get(pk=data["agency"])
        return Asked(
            kind=data["kind"],
            topic=topic,
            subject=data["subject"].strip(),
            body=data["body"].strip(),
            asker_name=data["asker_name"].strip(),
            asker_email=data["asker_email"],
            asker_phone=data["asker_phone"],
            allow_publication=data["allow_publication"],
            procedure=data["procedure"] if topic == Topic.PROCEDURE else None,
            sector=sector,
            agency=agency,
            language=self.language,
        )


class FollowForm(forms.Form):
    """Reference code + verification code (sent by POST, never in a URL)."""

    reference = forms.CharField(
        label=_("Reference code"),
        max_length=24,
        help_text=_("e.g. HD-260302-0007, on the confirmation page and in our email."),
    )
    verify = forms.CharField(
        label=_("Verification code"),
        max_length=16,
        help_text=_("The 8 letters and digits given with the reference code."),
    )


class QuestionFilterForm(forms.Form):
    """The filters of the Q&A index and of `GET /api/questions/`."""

    sector = forms.RegexField(regex=SLUG, required=False)
    agency = forms.RegexField(regex=SLUG, required=False)
    procedure = forms.RegexField(regex=CODE, required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)
    page_size = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    def __init__(self, *args, default_page_size: int = 20, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_page_size = default_page_size
        for name in ("sector", "agency", "procedure"):
            self.fields[name].error_messages["invalid"] = _(
                "“%(name)s” is not a valid value."
            ) % {"name": name}

    def first_error(self) -> str:
        """The first problem, named after its parameter."""
        name, errors = next(iter(self.errors.items()))
        return f"{name}: {errors[0]}"

    def filters(self) -> QuestionFilters:
        data = self.cleaned_data
        return QuestionFilters(
            sector=data.get("sector") or "",
            agency=data.get("agency") or "",
            procedure=data.get("procedure") or "",
            page=data.get("page") or 1,
            page_size=data.get("page_size") or self.default_page_size,
        )
