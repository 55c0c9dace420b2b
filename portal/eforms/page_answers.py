"""How a page form turns its cleaned fields into answers: conditions decide
which questions count, required questions and the parts of a person, an
address or a group item are checked, and every problem becomes a message on
the input to fix, prefixed with the group item it belongs to."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.dossiers.validators import validate_cccd

from . import addresses
from . import definition as d
from .serialization import json_number


class PageAnswersMixin:
    """The validating half of `EFormPageForm` (builder.py)."""

    def full_clean(self):
        if self.action:
            # The page is shown again after "Add another" / "Remove", without errors.
            self._errors, self.cleaned_data = ErrorDict(), {}
            return
        super().full_clean()

    def is_valid(self) -> bool:
        return not self.action and super().is_valid()

    def clean(self) -> dict[str, Any]:
        super().clean()
        answers: dict[str, Any] = {}
        scope = dict(self.earlier)
        for item in self.items:
            value = self._answer(item, scope, "")
            if value is not None:
                answers[item.question["name"]] = scope[item.question["name"]] = value
        return answers

    def _answer(self, item, scope: dict, context: str) -> Any:
        if not d.condition_holds(item.question.get("show_if"), scope):
            for name in item.field_names():
                self._errors.pop(name, None)
            return None
        if item.kind == d.GROUP:
            return self._group_answer(item, scope)
        if item.kind == d.PERSON:
            return self._person_answer(item, context)
        if item.kind == d.ADDRESS:
            return self._address_answer(item, context)
        if self.has_error(item.key):
            return None
        value = answer_value(item.kind, self.cleaned_data.get(item.key))
        if value is None and item.question.get("required"):
            self._fail(item.key, context, _required_message(item.question))
        if item.kind == d.MULTI_CHOICE and value:
            message = _selection_count_error(item.question, len(value))
            if message:
                self._fail(item.key, context, message)
                return None
        return value

    def _fail(self, name: str, context: str, message: str) -> None:
        self.add_error(name, ValidationError(f"{context}{message}", code="required"))

    def _filled(self, item) -> bool:
        return any(
            self.data.get(self.add_prefix(name), "").strip()
            for name in item.parts.values()
        )

    def _part(self, item, part: str) -> Any:
        name = item.parts.get(part)
        return (
            None
            if name is None or self.has_error(name)
            else self.cleaned_data.get(name)
        )

    def _person_answer(self, item, context: str) -> dict | None:
        question, label = item.question, item.question["label"]
        if not self._filled(item):
            if question.get("required"):
                self._fail(
                    item.parts["full_name"],
                    context,
                    _("Enter the full name of “%(label)s”.") % {"label": label},
                )
            return None
        needed = {
            "full_name": _("Enter the full name of “%(label)s”."),
            "birth_date": _("Enter the date of birth of “%(label)s”."),
            "id_number": _("Enter the citizen ID number of “%(label)s”.")
            if question.get("id_required")
            else None,
            "relationship": _(
                "Enter the relationship of “%(label)s” to the applicant."
            ),
        }
        for part, message in needed.items():
            name = item.parts.get(part)
            if (
                name
                and message
                and not self.has_error(name)
                and not self.cleaned_data.get(name)
            ):
                self._fail(name, context, message % {"label": label})
        birth = self._part(item, "birth_date")
        id_number = self._part(item, "id_number")
        if id_number:
            try:
                id_number = validate_cccd(id_number, birth)
            except ValidationError as error:
                self.add_error(
                    item.parts["id_number"],
                    ValidationError(f"{context}{error.messages[0]}"),
                )
        answer = {
            "full_name": " ".join((self._part(item, "full_name") or "").split()),
            "birth_date": birth.isoformat() if birth else None,
            "id_number": id_number or None,
            "relationship": self._part(item, "relationship") or None,
        }
        return {key: value for key, value in answer.items() if value}

    def _address_answer(self, item, context: str) -> dict | None:
        label = item.question["label"]
        if not self._filled(item):
            if item.question.get("required"):
                self._fail(
                    item.parts["province"],
                    context,
                    _("Choose the province or city of “%(label)s”.") % {"label": label},
                )
            return None
        province = addresses.province(self._part(item, "province"))
        commune_text = (self._part(item, "commune") or "").strip()
        street = " ".join((self._part(item, "street") or "").split())
        if province is None:
            self._fail(
                item.parts["province"],
                context,
                _("Choose the province or city of “%(label)s”.") % {"label": label},
            )
        found = (
            addresses.find_communes(province.code, commune_text)
            if province and commune_text
            else []
        )
        if not commune_text:
            self._fail(
                item.parts["commune"],
                context,
                _("Enter the commune or ward of “%(label)s”.") % {"label": label},
            )
        elif province and not found:
            self._fail(
                item.parts["commune"],
                context,
                _(
                    "%(province)s has no commune or ward called “%(text)s”. Check the spelling, or choose from the list."
                )
                % {"province": province.name, "text": commune_text},
            )
        elif len(found) > 1:
            self._fail(
                item.parts["commune"],
                context,
                _(
                    "%(province)s has several units called “%(text)s”: write “Phường” or “Xã” before the name."
                )
                % {"province": province.name, "text": commune_text},
            )
        if not street:
            self._fail(
                item.parts["street"],
                context,
                _("Enter the house number and street of “%(label)s”.")
                % {"label": label},
            )
        if province is None or len(found) != 1 or not street:
            return None
        return {
            "province_code": province.code,
            "province": province.name,
            "commune_code": found[0].code,
            "commune": found[0].name,
            "street": street,
        }

    def _group_answer(self, item, scope: dict) -> list[dict] | None:
        question, label = item.question, item.question["label"]
        low = int(question.get("min") or 0)
        result = []
        for index, entry in enumerate(item.entries):
            names = [name for child in entry for name in child.field_names()]
            blank = not any(
                str(self.data.get(self.add_prefix(name), "")).strip() for name in names
            )
            if blank and index >= low:
                # An empty extra item is ignored rather than refused.
                for name in names:
                    self._errors.pop(name, None)
                continue
            context = f"{item.item_label} {index + 1}: "
            entry_scope, answer = dict(scope), {}
            for child in entry:
                value = self._answer(child, entry_scope, context)
                if value is not None:
                    answer[child.question["name"]] = entry_scope[
                        child.question["name"]
                    ] = value
            result.append(answer)
        if len(result) < low:
            self.add_error(
                item.count_name,
                ngettext(
                    "Add at least %(min)s item to “%(label)s”.",
                    "Add at least %(min)s items to “%(label)s”.",
                    low,
                )
                % {"min": low, "label": label},
            )
        return result


def _selection_count_error(question: d.Question, count: int) -> str:
    low, high = int(question.get("min") or 0), question.get("max")
    params = {"label": question["label"]}
    if count < low:
        return ngettext(
            "Choose at least %(n)s answer to “%(label)s”.",
            "Choose at least %(n)s answers to “%(label)s”.",
            low,
        ) % dict(params, n=low)
    if high is not None and count > int(high):
        return ngettext(
            "Choose at most %(n)s answer to “%(label)s”.",
            "Choose at most %(n)s answers to “%(label)s”.",
            int(high),
        ) % dict(params, n=int(high))
    return ""


def _required_message(question: d.Question) -> str:
    label = question["label"]
    if question["type"] in (*d.CHOICE_TYPES, d.YES_NO):
        return _("Choose an answer to “%(label)s”.") % {"label": label}
    return _("Answer “%(label)s”.") % {"label": label}


def answer_value(kind: str, value: Any) -> Any:
    """A cleaned field value as the JSON answer; None when not answered."""
    from datetime import date

    if value in (None, "", []):
        return None
    if kind == d.YES_NO:
        return value == "yes"
    if kind == d.NUMBER:
        return json_number(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        # One-line answers lose doubled spaces; long text keeps its lines.
        text = value.strip() if kind == d.LONG_TEXT else " ".join(value.split())
        return text or None
    return value
