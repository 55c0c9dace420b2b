"""Forms of the booking pages, the kiosk and the check-in desk. Every message
is in the visitor's language; phone numbers and e-mail addresses are checked
with the same validators as the dossier wizard."""

from __future__ import annotations

import re
from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_pages.spam import HONEYPOT_FIELD
from portal.dossiers.validators import validate_mobile

from .models.bookings import CODE_PREFIX

SLOT_FORMAT = "%Y-%m-%dT%H:%M"
SLOT_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$")
BOOKING_CODE_RE = re.compile(rf"{CODE_PREFIX}-?([A-Z0-9]{{6}})", re.IGNORECASE)


def slot_value(start: datetime) -> str:
    """How a slot travels in a form: local time without seconds or zone."""
    return timezone.localtime(start).strftime(SLOT_FORMAT)


def parse_slot(value: str) -> datetime | None:
    """The aware start time of a form's slot value, or None when malformed."""
    value = (value or "").strip()
    if not SLOT_RE.fullmatch(value):
        return None
    try:
        naive = datetime.strptime(value, SLOT_FORMAT)
    except ValueError:
        return None
    return timezone.make_aware(naive, timezone.get_current_timezone())


def normalise_booking_code(value: str) -> str:
    """LH-XXXXXX from what staff or a scanner typed: the code, with or without
    the dash, in any case, or a whole link that contains it."""
    match = BOOKING_CODE_RE.search(value or "")
    return f"{CODE_PREFIX}-{match.group(1).upper()}" if match else ""


def clean_booking_code(value: str, message) -> str:
    """The normalised booking code, or a ValidationError saying `message`."""
    code = normalise_booking_code(value)
    if not code:
        raise ValidationError(message, code="invalid")
    return code


class ContactForm(forms.Form):
    """Name, and a mobile phone and/or an e-mail address (the template adds
    the honeypot field, `HONEYPOT_FIELD`)."""

    name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={"required": _("Enter your full name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter an e-mail address like name@example.com.")},
        help_text=_("We send the confirmation and a reminder the working day before."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError(_("Enter your full name."), code="required")
        return name

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "").strip()
        return validate_mobile(phone) if phone else ""

    def clean_email(self) -> str:
        return (self.cleaned_data.get("email") or "").strip().lower()

    def clean(self):
        data = super().clean()
        if (
            not self.has_error("phone")
            and not self.has_error("email")
            and not data.get("phone")
            and not data.get("email")
        ):
            self.add_error(
                "phone",
                ValidationError(
                    _("Enter a mobile phone number or an e-mail address, or both."),
                    code="contact",
                ),
            )
        return data

    @property
    def is_spam(self) -> bool:
        """The honeypot (a field people never see: bots fill in every field)."""
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())


class SlotField(forms.CharField):
    """A time slot as radio buttons; the value is checked against the rules by
    the booking service, which offers the next free slots when it is gone."""

    widget = forms.RadioSelect

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Time"))
        kwargs.setdefault(
            "error_messages", {"required": _("Choose a time for your visit.")}
        )
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        start = parse_slot(value)
        if start is None:
            raise ValidationError(_("Choose a time for your visit."), code="invalid")
        return start


class SlotChoicesMixin:
    """Forms with a `slot` field whose radio buttons are the free slots."""

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.set_slots(slots)

    def set_slots(self, slots) -> None:
        self.fields["slot"].widget.choices = slot_choices(slots)


class BookingForm(SlotChoicesMixin, ContactForm):
    """The booking: a time of the chosen day, then who is coming."""

    field_order = ["slot", "name", "phone", "email"]
    slot = SlotField()


class MoveForm(SlotChoicesMixin, forms.Form):
    """A new time for an existing booking."""

    slot = SlotField(label=_("New time"))


def slot_choices(slots) -> list[tuple[str, str]]:
    """Radio choices "07:30 – 08:00 (3 places)" for the given slots."""
    from django.utils.translation import ngettext

    choices = []
    for slot in slots:
        start, end = timezone.localtime(slot.start), timezone.localtime(slot.end)
        places = ngettext("%(n)s place left", "%(n)s places left", slot.available) % {
            "n": slot.available
        }
        choices.append(
            (slot_value(slot.start), f"{start:%H:%M} – {end:%H:%M} ({places})")
        )
    return choices


class ManageForm(forms.Form):
    """Booking code + verification code: the second factor to change a booking."""

    code = forms.CharField(
        label=_("Booking code"),
        max_length=40,
        help_text=_("For example LH-7K3M9P, on your confirmation."),
        error_messages={"required": _("Enter the booking code.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    verify = forms.CharField(
        label=_("Verification code"),
        max_length=16,
        help_text=_("8 letters and digits, on your confirmation and in the e-mail."),
        error_messages={"required": _("Enter the verification code.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        return clean_booking_code(
            self.cleaned_data["code"], _("A booking code looks like LH-7K3M9P.")
        )

    def clean_verify(self) -> str:
        value = re.sub(r"\s", "", self.cleaned_data["verify"]).upper()
        if not re.fullmatch(r"[A-Z0-9]{4,16}", value):
            raise ValidationError(
                _("The verification code has 8 letters and digits."), code="invalid"
            )
        return value


class CheckInForm(forms.Form):
    """Staff: the booking code typed, or scanned from the visitor's QR code."""

    code = forms.CharField(
        label=_("Booking code or QR code"),
        max_length=500,
        help_text=_("Type the code, or scan the QR code on the confirmation."),
        error_messages={"required": _("Enter or scan a booking code.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )

    def clean_code(self) -> str:
        return clean_booking_code(
            self.cleaned_data["code"],
            _("This is not a booking code (they look like LH-7K3M9P)."),
        )
