"""The e-form definition as plain data: the shape of the catalogue's `form` key
and of `GET /api/procedures/CODE/` (CONTRACTS.md), which every other part of
the app reads (form builder, check answers, PDF, CSV, snapshot).

    {"key": "to-khai-khai-sinh", "title": "…", "sections": [
        {"title": "…", "questions": [
            {"name": "child_name", "type": "text", "label": "…", "required": true},
            {"name": "has_father", "type": "yes_no", "label": "…"},
            {"name": "father", "type": "person", "label": "…",
             "show_if": {"question": "has_father", "equals": true}},
            {"name": "members", "type": "group", "label": "…", "min": 1, "max": 10,
             "questions": [ … ]}]}]}

Optional keys are omitted when empty; `required` is written only when true.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

Definition = dict[str, Any]
Question = dict[str, Any]

# The stable machine names of the question types (CONTRACTS.md).
TEXT, LONG_TEXT, NUMBER, MONEY, DATE = "text", "long_text", "number", "money", "date"
CHOICE, MULTI_CHOICE, YES_NO = "choice", "multi_choice", "yes_no"
EMAIL, PHONE, CCCD, MST = "email", "phone", "cccd", "mst"
ADDRESS, PERSON, GROUP = "address", "person", "group"

QUESTION_TYPES = {
    TEXT: _("Short text"),
    LONG_TEXT: _("Long text"),
    NUMBER: _("Number"),
    MONEY: _("Amount of money (VND)"),
    DATE: _("Date"),
    CHOICE: _("One choice"),
    MULTI_CHOICE: _("Several choices"),
    YES_NO: _("Yes or no"),
    EMAIL: _("Email address"),
    PHONE: _("Mobile phone number"),
    CCCD: _("Citizen ID number (CCCD)"),
    MST: _("Tax code (MST)"),
    ADDRESS: _("Vietnamese address"),
    PERSON: _("Person"),
    GROUP: _("Repeating group"),
}
# Types whose answer another question may depend on (show_if).
CONDITION_TYPES = (CHOICE, MULTI_CHOICE, YES_NO)
CHOICE_TYPES = (CHOICE, MULTI_CHOICE)

# A machine name: lower-case ASCII, digits and single underscores. "__" is
# reserved: the form builder joins a question's parts with it.
NAME_RE = re.compile(r"^[a-z](?:[a-z0-9]|_(?!_))*$")
NAME_MAX_LENGTH = 40
CHOICE_VALUE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

# Answers of the applicant step a question may start from, and the question
# types each fits.
PREFILL_SOURCES = {
    "applicant_name": (_("Applicant: full name"), (TEXT,)),
    "applicant_id_number": (_("Applicant: citizen ID number"), (CCCD, TEXT)),
    "applicant_birth_date": (_("Applicant: date of birth"), (DATE,)),
    "applicant_phone": (_("Applicant: mobile phone"), (PHONE, TEXT)),
    "applicant_email": (_("Applicant: email"), (EMAIL, TEXT)),
    "applicant_address": (_("Applicant: address"), (TEXT, LONG_TEXT)),
    "organisation_name": (_("Organisation: name"), (TEXT,)),
    "organisation_tax_code": (_("Organisation: tax code"), (MST, TEXT)),
    "organisation_representative": (_("Organisation: legal representative"), (TEXT,)),
    "applicant": (_("The applicant (name, date of birth, ID number)"), (PERSON,)),
}

DEFAULT_TEXT_LENGTH = 200
DEFAULT_LONG_TEXT_LENGTH = 2000
MAX_GROUP_ITEMS = 50


def iter_questions(definition: Definition) -> Iterator[tuple[int, Question]]:
    """Every top-level question with the index of its section, in order."""
    for index, section in enumerate(definition.get("sections") or []):
        for question in section.get("questions") or []:
            yield index, question


def question_index(definition: Definition) -> dict[str, Question]:
    """Top-level questions by machine name."""
    return {question["name"]: question for _i, question in iter_questions(definition)}


def yes_no_value(value: Any) -> bool | None:
    """A yes/no answer or condition value written as a bool or as text."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "1", "co", "có"):
        return True
    if text in ("false", "no", "0", "khong", "không"):
        return False
    return None


def condition_holds(show_if: dict | None, answers: dict[str, Any]) -> bool:
    """Whether a question with this `show_if` is asked, given earlier answers.

    A multiple-choice answer matches when it contains the value; a question
    that was itself not asked has no answer, so it matches nothing.
    """
    if not show_if or not show_if.get("question"):
        return True
    answer = answers.get(show_if["question"])
    expected = show_if.get("equals")
    if answer is None:
        return False
    if isinstance(answer, bool):
        return answer == yes_no_value(expected)
    if isinstance(answer, list):
        return str(expected) in [str(item) for item in answer]
    return str(answer) == str(expected)
