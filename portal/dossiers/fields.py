"""Form fields the wizard's steps share."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Day first, as Vietnamese write dates; ISO for browsers' date pickers.
DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def written_as_a_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) when `text` has the shape of a date, real or not."""
    text = (text or "").strip()
    if match := _DAY_FIRST.match(text):
        day, month, year = (int(part) for part in match.groups())
        return year, month, day
    if match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
        return year, month, day
    return None


class DayMonthYearField(forms.DateField):
    """A date typed as dd/mm/yyyy that tells a badly written date ("1990")
    from one that does not exist ("31/02/1990")."""

    input_formats = DATE_FORMATS
    default_error_messages = {
        "does_not_exist": _("%(value)s does not exist: check the day and the month."),
    }

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            parts = written_as_a_date(value if isinstance(value, str) else "")
            if parts is None:
                raise
            year, month, day = parts
            try:
                date(year, month, day)
            except ValueError:
                raise ValidationError(
                    self.error_messages["does_not_exist"],
                    code="does_not_exist",
                    params={"value": value.strip()},
                ) from None
            raise
