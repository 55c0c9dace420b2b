"""Django form fields for each question type, reusing the wizard's validators
(CCCD, MST, mobile numbers). Every field is built optional: whether a question
must be answered depends on conditions the page form decides (builder.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.dossiers.validators import validate_cccd, validate_mobile, validate_mst

from . import addresses
from . import definition as d

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
# Choice lists longer than this are a drop-down instead of radio buttons.
MAX_RADIOS = 12
YES_NO_CHOICES = [("yes", _("Yes")), ("no", _("No"))]


def parse_number(text: str, decimals: int) -> Decimal:
    """A number as people write it here: "1.250,5" (Vietnamese), "1,250.5", "1250.5".

    With both separators the last one is the decimal mark. One kind of
    separator in groups of three ("1.250", "1,250,000") separates thousands
    when the field allows fewer than three decimals; otherwise the language
    decides (Vietnamese writes "1.250" for 1250, English "1,250").
    """
    raw = re.sub(r"\s", "", text)
    if not re.fullmatch(r"-?[\d.,]+", raw) or not re.search(r"\d", raw):
        raise InvalidOperation(text)
    if "." in raw and "," in raw:
        mark = "." if raw.rfind(".") > raw.rfind(",") else ","
        thousands = "," if mark == "." else "."
        return Decimal(raw.replace(thousands, "").replace(mark, "."))
    sep = "." if "." in raw else "," if "," in raw else ""
    if not sep:
        return Decimal(raw)
    grouped = re.fullmatch(rf"-?\d{{1,3}}(\{sep}\d{{3}})+", raw)
    if grouped:
        local_thousands = "." if (get_language() or "vi").startswith("vi") else ","
        if decimals < 3 or raw.count(sep) > 1 or sep == local_thousands:
            return Decimal(raw.replace(sep, ""))
    if raw.count(sep) > 1:
        raise InvalidOperation(text)
    return Decimal(raw.replace(sep, "."))


class NumberField(forms.CharField):
    """A number within limits, with at most `decimals` decimal places."""

    def __init__(
        self, *, decimals=0, min_value=None, max_value=None, unit="", **kwargs
    ):
        self.decimals, self.unit = decimals, unit
        self.min_value = None if min_value is None else Decimal(str(min_value))
        self.max_value = None if max_value is None else Decimal(str(max_value))
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "inputmode": "decimal" if decimals else "numeric",
                    "class": "input--short",
                }
            ),
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("maxlength", "40")

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            number = parse_number(value, self.decimals)
        except InvalidOperation:
            raise ValidationError(
                _("Enter a number, e.g. 120 or 85,5."), code="invalid"
            ) from None
        exponent = number.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > self.decimals:
            if self.decimals == 0:
                raise ValidationError(_("Enter a whole number."), code="decimals")
            raise ValidationError(
                _("Enter a number with at most %(n)s decimal places.")
                % {"n": self.decimals},
                code="decimals",
            )
        check_range(
            number,
            self.min_value,
            self.max_value,
            _plain,
            (
                _("Enter a number of at least %(min)s."),
                _("Enter a number of at most %(max)s."),
            ),
        )
        return number


def check_range(value, low, high, shown: Callable[[Any], str], messages) -> None:
    """Refuse a value below `low` or above `high`; `messages` say "at least
    %(min)s" and "at most %(max)s", with the limit written by `shown`."""
    if low is not None and value < low:
        raise ValidationError(messages[0] % {"min": shown(low)}, code="min")
    if high is not None and value > high:
        raise ValidationError(messages[1] % {"max": shown(high)}, code="max")


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def vnd_text(amount: int) -> str:
    return f"{int(amount):,}".replace(",", ".") + " đ"


class MoneyField(forms.CharField):
    """An amount in đồng: "50.000.000", "50,000,000", "50 000 000 đ" → 50000000."""

    def __init__(self, *, min_value=None, max_value=None, **kwargs):
        self.min_value, self.max_value = min_value, max_value
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "numeric", "class": "input--medium"}),
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("maxlength", "40")

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        raw = re.sub(r"(?i)\s*(vnđ|vnd|đồng|đ)\s*$", "", value)
        raw = re.sub(r"[\s.,]", "", raw)
        if not raw.isdigit():
            raise ValidationError(
                _("Enter an amount in đồng using digits, e.g. 50.000.000."),
                code="invalid",
            )
        amount = int(raw)
        check_range(
            amount,
            self.min_value,
            self.max_value,
            vnd_text,
            (
                _("Enter an amount of at least %(min)s."),
                _("Enter an amount of at most %(max)s."),
            ),
        )
        return amount


class DateField(forms.DateField):
    """A date written day/month/year, optionally not after (or before) today."""

    def __init__(self, *, min_today=False, max_today=False, **kwargs):
        self.min_today, self.max_today = min_today, max_today
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "numeric", "class": "input--medium"}),
        )
        kwargs.setdefault(
            "error_messages",
            {"invalid": _("Enter the date as day/month/year, e.g. 27/03/1990.")},
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        if value.year < 1900:
            raise ValidationError(_("Enter a date after 1900."), code="too_old")
        if self.max_today and value > date.today():
            raise ValidationError(
                _("The date must be today or in the past."), code="future"
            )
        if self.min_today and value < date.today():
            raise ValidationError(
                _("The date must be today or in the future."), code="past"
            )
        return value


class ValidatedCharField(forms.CharField):
    """A text field whose value passes one of the wizard's validators."""

    def __init__(self, *, validator, **kwargs):
        self.validator = validator
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return ""
        return self.validator(value)


def _text_widget(**attrs) -> forms.TextInput:
    return forms.TextInput(attrs=attrs)


def choices_field(question: d.Question, *, multiple: bool) -> forms.Field:
    choices = [(c["value"], c["label"]) for c in question.get("choices") or []]
    if multiple:
        return forms.MultipleChoiceField(
            choices=choices, required=False, widget=forms.CheckboxSelectMultiple
        )
    if len(choices) > MAX_RADIOS:
        return forms.ChoiceField(
            choices=[("", _("Choose one"))] + choices,
            required=False,
            widget=forms.Select,
        )
    return forms.ChoiceField(choices=choices, required=False, widget=forms.RadioSelect)


def simple_field(question: d.Question) -> forms.Field:
    """The one field of a question that is not a person, address or group."""
    kind = question["type"]
    if kind == d.TEXT:
        return forms.CharField(
            required=False,
            max_length=question.get("max_length") or d.DEFAULT_TEXT_LENGTH,
        )
    if kind == d.LONG_TEXT:
        return forms.CharField(
            required=False,
            max_length=question.get("max_length") or d.DEFAULT_LONG_TEXT_LENGTH,
            widget=forms.Textarea(attrs={"rows": 5}),
        )
    if kind == d.NUMBER:
        return NumberField(
            required=False,
            decimals=question.get("decimals", 0),
            min_value=question.get("min"),
            max_value=question.get("max"),
            unit=question.get("unit", ""),
        )
    if kind == d.MONEY:
        return MoneyField(
            required=False, min_value=question.get("min"), max_value=question.get("max")
        )
    if kind == d.DATE:
        return DateField(
            required=False,
            min_today=question.get("min") == "today",
            max_today=question.get("max") == "today",
        )
    if kind in d.CHOICE_TYPES:
        return choices_field(question, multiple=kind == d.MULTI_CHOICE)
    if kind == d.YES_NO:
        return forms.ChoiceField(
            choices=YES_NO_CHOICES, required=False, widget=forms.RadioSelect
        )
    if kind == d.EMAIL:
        return forms.EmailField(
            required=False,
            error_messages={
                "invalid": _("Enter an email address like name@example.com.")
            },
            widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        )
    validators = {
        d.PHONE: (validate_mobile, {"type": "tel", "class": "input--medium"}),
        d.CCCD: (validate_cccd, {"inputmode": "numeric", "class": "input--medium"}),
        d.MST: (validate_mst, {"inputmode": "numeric", "class": "input--medium"}),
    }
    validator, attrs = validators[kind]
    return ValidatedCharField(
        validator=validator,
        required=False,
        max_length=20,
        widget=_text_widget(autocomplete="off", **attrs),
    )


def person_fields(question: d.Question) -> dict[str, forms.Field]:
    """Full name, date of birth, citizen ID and (if asked) relationship."""
    fields = {
        "full_name": forms.CharField(
            label=_("Full name"), required=False, max_length=200
        ),
        "birth_date": DateField(
            label=_("Date of birth"),
            required=False,
            max_today=True,
            help_text=_("For example 27/03/1990."),
        ),
        # Checked against the date of birth in the page form, so plain here.
        "id_number": forms.CharField(
            label=_("Citizen ID number (CCCD)"),
            required=False,
            max_length=20,
            help_text=None
            if question.get("id_required")
            else _("If the person has one."),
            widget=_text_widget(
                inputmode="numeric", autocomplete="off", **{"class": "input--medium"}
            ),
        ),
    }
    if question.get("relationship"):
        fields["relationship"] = forms.CharField(
            label=_("Relationship to the applicant"),
            required=False,
            max_length=100,
            help_text=_("For example: wife, son, mother."),
        )
    for field in fields.values():
        field.widget.attrs.setdefault("autocomplete", "off")
    return fields


def address_fields() -> dict[str, forms.Field]:
    """Province (the 34 since the 2025 reform), commune or ward, street."""
    return {
        "province": forms.TypedChoiceField(
            label=_("Province or city"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", _("Choose a province or city"))]
            + [(str(unit.code), unit.name) for unit in addresses.provinces()],
        ),
        "commune": forms.CharField(
            label=_("Commune, ward or special zone"),
            required=False,
            max_length=100,
            help_text=_("For example: Phường Ba Đình, Xã Tân Lập."),
            widget=_text_widget(autocomplete="off"),
        ),
        "street": forms.CharField(
            label=_("House number, street, hamlet or village"),
            required=False,
            max_length=200,
            widget=_text_widget(autocomplete="off"),
        ),
    }
