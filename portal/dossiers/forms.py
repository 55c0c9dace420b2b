"""One form per wizard step (see steps.py for their order and conditions).

Forms that depend on the procedure take it as `procedure`; the documents form
also takes the `draft`, whose stored uploads count as answers. (Over 400 lines
because it holds every step's form, as steps.py lists them; each is short.)
"""

from __future__ import annotations

import logging
import uuid
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from portal.security.input import DOSSIER_CODE, VERIFICATION_CODE, ascii_code

from .consent import CONSENT_TEXT
from .delivery import DeliveryForm  # noqa: F401 - steps.py lists it as forms.DeliveryForm
from .fields import DayMonthYearField
from .models import ApplicantType, DraftUpload
from .validators import (
    check_upload,
    max_dossier_size,
    max_file_size,
    validate_cccd,
    validate_mobile,
    validate_mst,
)

logger = logging.getLogger(__name__)


class ApplicantTypeForm(forms.Form):
    """Individual or organisation: only the types the procedure allows."""

    applicant_type = forms.ChoiceField(
        label=_("Who is filing this dossier?"),
        choices=ApplicantType.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _(
                "Choose whether you file as an individual or for an organisation."
            )
        },
    )

    def __init__(self, *args, procedure=None, **kwargs):
        super().__init__(*args, **kwargs)
        if procedure is not None:
            allowed = []
            if procedure.for_individuals:
                allowed.append(ApplicantType.INDIVIDUAL)
            if procedure.for_organizations:
                allowed.append(ApplicantType.ORGANISATION)
            self.fields["applicant_type"].choices = [
                (value, label)
                for value, label in ApplicantType.choices
                if value in allowed
            ]


class ApplicantForm(forms.Form):
    """The person filing: for an organisation, the person acting for it."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={"required": _("Enter your full name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    id_number = forms.CharField(
        label=_("Citizen ID number (CCCD)"),
        help_text=_("12 digits, on the front of your citizen ID card."),
        max_length=20,
        error_messages={"required": _("Enter your citizen ID number.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    birth_date = DayMonthYearField(
        label=_("Date of birth"),
        help_text=_("For example 27/03/1990."),
        error_messages={
            "required": _("Enter your date of birth."),
            "invalid": _("Enter the date of birth as day/month/year, e.g. 27/03/1990."),
            "does_not_exist": _(
                "The date %(value)s does not exist: check the day and the month."
            ),
        },
        widget=forms.TextInput(attrs={"autocomplete": "bday", "inputmode": "numeric"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone"),
        help_text=_("We may call or text you about this dossier."),
        max_length=20,
        error_messages={"required": _("Enter your mobile phone number.")},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        help_text=_(
            "We send the receipt, status updates and a link to continue this form later."
        ),
        error_messages={"invalid": _("Enter an email address like name@example.com.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=300,
        help_text=_("House number, street, ward or commune, province."),
        error_messages={"required": _("Enter your address.")},
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )

    def __init__(self, *args, procedure=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean_full_name(self) -> str:
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_phone(self) -> str:
        return validate_mobile(self.cleaned_data["phone"])

    def clean_birth_date(self) -> date:
        value = self.cleaned_data["birth_date"]
        if value > date.today():
            raise ValidationError(_("The date of birth must be in the past."))
        if value.year < 1900:
            raise ValidationError(_("Enter a date of birth after 1900."))
        return value

    def clean(self):
        cleaned = super().clean()
        raw = cleaned.get("id_number")
        if raw:
            try:
                cleaned["id_number"] = validate_cccd(raw, cleaned.get("birth_date"))
            except ValidationError as error:
                self.add_error("id_number", error)
        return cleaned


class OrganisationForm(forms.Form):
    """The organisation the dossier is filed for."""

    organisation_name = forms.CharField(
        label=_("Organisation name"),
        max_length=300,
        error_messages={"required": _("Enter the organisation's name.")},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    tax_code = forms.CharField(
        label=_("Tax code (MST)"),
        help_text=_(
            "10 digits; a branch adds a hyphen and 3 digits, e.g. 0100109106-001."
        ),
        max_length=20,
        error_messages={"required": _("Enter the organisation's tax code.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    representative = forms.CharField(
        label=_("Legal representative"),
        max_length=200,
        error_messages={"required": _("Enter the name of the legal representative.")},
    )

    def __init__(self, *args, procedure=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean_tax_code(self) -> str:
        return validate_mst(self.cleaned_data["tax_code"])


class DocumentsForm(forms.Form):
    """One upload per document of the procedure, except those the e-form fills in.

    Each accepted file is stored at once (see `store_uploads`), so it survives
    going back and forth; a required document is answered by a new upload or
    by the one already stored.
    """

    def __init__(self, *args, procedure=None, draft=None, online=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.procedure = procedure
        self.draft = draft
        documents = (
            list(procedure.documents.select_related("template_file"))
            if procedure
            else []
        )
        # With an e-form (`online`), its declaration replaces these uploads.
        self.filled_online = [d for d in documents if online and d.filled_online]
        self.documents = [d for d in documents if d not in self.filled_online]
        self.existing = {}
        if draft is not None and draft.pk:
            self.existing = {
                upload.field_name: upload for upload in draft.uploads.all()
            }
        self.total_limit = max_dossier_size()
        self.file_limit = max_file_size()
        for document in self.documents:
            name = self.field_name(document)
            self.fields[name] = forms.FileField(
                label=document.name,
                required=False,
                error_messages={"empty": _("The file you chose is empty.")},
                widget=forms.FileInput(
                    attrs={
                        "accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                    }
                ),
            )
            self.fields[name].document = document

    @staticmethod
    def field_name(document) -> str:
        return f"doc_{document.pk}"

    def rows(self):
        """What the template shows for each document: field, stored upload, template link."""
        return [
            {
                "document": document,
                "field": self[self.field_name(document)],
                "upload": self.existing.get(self.field_name(document)),
            }
            for document in self.documents
        ]

    def clean(self):
        cleaned = super().clean()
        self.checked = {}
        for name in self.fields:
            upload = cleaned.get(name)
            if upload and name not in self._errors:
                try:
                    self.checked[name] = check_upload(upload)
                except ValidationError as error:
                    self.add_error(name, error)
                    cleaned.pop(name, None)
        for document in self.documents:
            name = self.field_name(document)
            if name in self._errors:
                continue
            if (
                document.required
                and name not in self.checked
                and name not in self.existing
            ):
                self.add_error(
                    name,
                    ValidationError(
                        _("Upload “%(document)s”: it is required.")
                        % {"document": document.name},
                        code="required",
                    ),
                )
        total = sum(
            upload.size
            for name, upload in self.existing.items()
            if name not in self.checked
        ) + sum(checked.size for checked in self.checked.values())
        if total > self.total_limit:
            raise ValidationError(
                _(
                    "All files together may be at most %(limit)s; these are %(size)s. Upload smaller scans."
                )
                % {
                    "limit": filesizeformat(self.total_limit),
                    "size": filesizeformat(total),
                },
                code="dossier_too_large",
            )
        return cleaned

    def store_uploads(self) -> int:
        """Store every upload that passed its checks; replace the earlier one. Returns the count."""
        if not self.is_bound or self.draft is None or not hasattr(self, "checked"):
            return 0
        if self.non_field_errors():
            # Over the dossier limit: keeping the new files would keep it over.
            return 0
        stored = 0
        for name, checked in self.checked.items():
            if name in self._errors:
                continue
            upload = self.files.get(self.add_prefix(name))
            if upload is None:
                continue
            document = self.fields[name].document
            stored_name = f"drafts/{self.draft.instance_id}/{uuid.uuid4().hex}.{checked.extension}"
            previous = self.existing.get(name)
            try:
                with transaction.atomic():
                    if previous is not None:
                        previous.delete()
                    record = DraftUpload(
                        draft=self.draft,
                        field_name=name,
                        procedure_document=document,
                        document_name=document.name,
                        original_name=upload.name[:255],
                        size=checked.size,
                        content_type=checked.content_type,
                        sha256=checked.sha256,
                    )
                    record.file.save(stored_name, upload, save=False)
                    record.save()
            except IntegrityError:
                logger.warning(
                    "Concurrent upload for %s on draft %s", name, self.draft.pk
                )
                continue
            if previous is not None and previous.file:
                previous.file.storage.delete(previous.file.name)
            self.existing[name] = record
            stored += 1
        return stored


class CheckAnswersForm(forms.Form):
    """Check your answers: nothing to fill in, every answer has a change link."""

    def __init__(self, *args, procedure=None, **kwargs):
        super().__init__(*args, **kwargs)


class DeclarationForm(forms.Form):
    """The declaration and the consent to personal-data processing (Decree 13/2023)."""

    declaration = forms.BooleanField(
        label=_(
            "I declare that the information and documents I have given are true and complete."
        ),
        error_messages={
            "required": _("Confirm the declaration to submit the dossier.")
        },
    )
    consent = forms.BooleanField(
        # The text each dossier records with its version (consent.py).
        label=CONSENT_TEXT,
        error_messages={
            "required": _("Give your consent to the processing of your personal data.")
        },
    )

    def __init__(self, *args, procedure=None, **kwargs):
        super().__init__(*args, **kwargs)


class TrackingForm(forms.Form):
    """Dossier code plus the verification code printed on the receipt."""

    code = forms.CharField(
        label=_("Dossier code"),
        max_length=40,
        error_messages={"required": _("Enter the dossier code from your receipt.")},
    )
    verify = forms.CharField(
        label=_("Verification code"),
        max_length=16,
        help_text=_("The 8-character code printed on your receipt."),
        error_messages={
            "required": _("Enter the verification code from your receipt.")
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters"}
        ),
    )

    def clean_code(self) -> str:
        code = ascii_code(self.cleaned_data["code"], DOSSIER_CODE)
        if code is None:
            raise forms.ValidationError(
                _(
                    "A dossier code has only letters, digits and dashes, as on your receipt."
                ),
                code="code_format",
            )
        return code

    def clean_verify(self) -> str:
        verify = ascii_code(self.cleaned_data["verify"], VERIFICATION_CODE)
        if verify is None:
            raise forms.ValidationError(
                _(
                    "The verification code has only letters and digits, as on your receipt."
                ),
                code="verify_format",
            )
        return verify


class ResumeEmailForm(forms.Form):
    """Where to send the link that continues a draft later."""

    email = forms.EmailField(
        label=_("Email address"),
        error_messages={
            "required": _("Enter the email address to send the link to."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )
