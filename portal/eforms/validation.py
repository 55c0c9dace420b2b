"""The rules an e-form definition must follow, whoever wrote it: an editor in
the admin (EForm.clean) or a catalogue file (import_procedures).

Every problem is one sentence in the user's language naming the question, so
an editor or an import log can find it.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from .definition import (
    CHOICE_TYPES,
    CHOICE_VALUE_RE,
    CONDITION_TYPES,
    DATE,
    DEFAULT_LONG_TEXT_LENGTH,
    GROUP,
    LONG_TEXT,
    MAX_GROUP_ITEMS,
    MONEY,
    MULTI_CHOICE,
    NAME_MAX_LENGTH,
    NAME_RE,
    NUMBER,
    PREFILL_SOURCES,
    QUESTION_TYPES,
    TEXT,
    YES_NO,
    Question,
    yes_no_value,
)

MAX_TEXT_LENGTH = {TEXT: 2000, LONG_TEXT: 10 * DEFAULT_LONG_TEXT_LENGTH}


def definition_errors(definition: Any) -> list[str]:
    """Every problem of a definition; an empty list means it is usable."""
    if not isinstance(definition, dict):
        return [_("The form must be an object with a title and sections.")]
    errors: list[str] = []
    if not str(definition.get("title") or "").strip():
        errors.append(_("The form needs a title."))
    sections = definition.get("sections")
    if not isinstance(sections, list) or not sections:
        errors.append(_("The form needs at least one section."))
        return errors
    earlier: dict[str, Question] = {}
    for number, section in enumerate(sections, start=1):
        if not isinstance(section, dict):
            errors.append(_("Section %(n)s is not an object.") % {"n": number})
            continue
        if not str(section.get("title") or "").strip():
            errors.append(_("Section %(n)s needs a title.") % {"n": number})
        questions = section.get("questions")
        if not isinstance(questions, list) or not questions:
            errors.append(
                _("Section %(n)s needs at least one question.") % {"n": number}
            )
            continue
        for question in questions:
            errors += _question_errors(question, set(earlier), earlier, in_group=False)
            if isinstance(question, dict) and question.get("name"):
                earlier.setdefault(question["name"], question)
    return errors


def _question_errors(
    question: Any, taken: set[str], earlier: dict[str, Question], *, in_group: bool
) -> list[str]:
    """Problems of one question. `taken` are the names it must not repeat,
    `earlier` the questions asked before it (which it may depend on)."""
    if not isinstance(question, dict):
        return [_("A question is not an object.")]
    name = str(question.get("name") or "")
    label = str(question.get("label") or "").strip()
    where = _("Question “%(name)s”") % {"name": name or label or "?"}
    errors = []
    if not NAME_RE.fullmatch(name) or len(name) > NAME_MAX_LENGTH:
        errors.append(
            _(
                "%(where)s: the machine name must start with a letter and use only "
                "a–z, digits and single underscores (at most %(max)s characters)."
            )
            % {"where": where, "max": NAME_MAX_LENGTH}
        )
    elif name in taken:
        errors.append(
            _("%(where)s: another question already has this machine name.")
            % {"where": where}
        )
    if not label:
        errors.append(_("%(where)s needs a label.") % {"where": where})
    kind = question.get("type")
    if kind not in QUESTION_TYPES:
        errors.append(
            _("%(where)s: unknown type “%(type)s”.") % {"where": where, "type": kind}
        )
        return errors
    if kind == GROUP and in_group:
        errors.append(
            _("%(where)s: a repeating group cannot hold another group.")
            % {"where": where}
        )
        return errors
    errors += _limit_errors(question, kind, where)
    errors += _condition_errors(question.get("show_if"), earlier, where)
    prefill = question.get("prefill")
    if prefill not in (None, ""):
        allowed = PREFILL_SOURCES.get(prefill)
        if allowed is None or kind not in allowed[1]:
            errors.append(
                _("%(where)s cannot be prefilled from “%(source)s”.")
                % {"where": where, "source": prefill}
            )
    if kind == GROUP:
        errors += _group_errors(question, earlier, where)
    return errors


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _limit_errors(question: Question, kind: str, where: str) -> list[str]:
    errors = []
    low, high = question.get("min"), question.get("max")
    if kind in (TEXT, LONG_TEXT):
        length = question.get("max_length")
        if length is not None and (
            isinstance(length, bool)
            or not isinstance(length, int)
            or not 1 <= length <= MAX_TEXT_LENGTH[kind]
        ):
            errors.append(
                _("%(where)s: the maximum length must be between 1 and %(max)s.")
                % {"where": where, "max": MAX_TEXT_LENGTH[kind]}
            )
    if kind == DATE:
        for value in (low, high):
            if value not in (None, "today"):
                errors.append(
                    _("%(where)s: a date limit can only be “today”.") % {"where": where}
                )
        if low is not None and high is not None:
            errors.append(
                _(
                    "%(where)s: a date can be limited to the past or to the future, not both."
                )
                % {"where": where}
            )
        return errors
    if kind in (NUMBER, MONEY, MULTI_CHOICE, GROUP):
        numbers = [_number(value) for value in (low, high)]
        for value, number in zip((low, high), numbers, strict=True):
            if value is not None and number is None:
                errors.append(
                    _("%(where)s: the limits must be numbers.") % {"where": where}
                )
        if None not in numbers and numbers[0] > numbers[1]:
            errors.append(
                _("%(where)s: the minimum is larger than the maximum.")
                % {"where": where}
            )
        if kind in (MONEY, MULTI_CHOICE, GROUP) and any(
            number is not None and (number < 0 or number != int(number))
            for number in numbers
        ):
            errors.append(
                _("%(where)s: the limits must be whole numbers, not below zero.")
                % {"where": where}
            )
    if kind == NUMBER:
        decimals = question.get("decimals", 0)
        if (
            isinstance(decimals, bool)
            or not isinstance(decimals, int)
            or not 0 <= decimals <= 6
        ):
            errors.append(
                _("%(where)s: decimal places must be between 0 and 6.")
                % {"where": where}
            )
    if kind in CHOICE_TYPES:
        errors += _choice_errors(question, where)
    return errors


def _choice_errors(question: Question, where: str) -> list[str]:
    choices = question.get("choices")
    if not isinstance(choices, list) or len(choices) < 2:
        return [_("%(where)s needs at least two choices.") % {"where": where}]
    errors, seen = [], set()
    for choice in choices:
        value = str(choice.get("value") or "") if isinstance(choice, dict) else ""
        if not CHOICE_VALUE_RE.fullmatch(value) or len(value) > 100:
            errors.append(
                _(
                    "%(where)s: the choice value “%(value)s” must use only letters, digits, “_”, “.” and “-”."
                )
                % {"where": where, "value": value}
            )
        elif value in seen:
            errors.append(
                _("%(where)s: the choice value “%(value)s” is used twice.")
                % {"where": where, "value": value}
            )
        seen.add(value)
        if not isinstance(choice, dict) or not str(choice.get("label") or "").strip():
            errors.append(
                _("%(where)s: every choice needs a label.") % {"where": where}
            )
    high = _number(question.get("max"))
    if (
        question.get("type") == MULTI_CHOICE
        and high is not None
        and high > len(choices)
    ):
        errors.append(
            _("%(where)s: the maximum is larger than the number of choices.")
            % {"where": where}
        )
    return errors


def _condition_errors(
    show_if: Any, earlier: dict[str, Question], where: str
) -> list[str]:
    if show_if in (None, {}):
        return []
    if not isinstance(show_if, dict) or not show_if.get("question"):
        return [
            _("%(where)s: a condition names the question it depends on.")
            % {"where": where}
        ]
    target = earlier.get(show_if["question"])
    if target is None:
        return [
            _(
                "%(where)s depends on “%(other)s”, which is not a question asked before it."
            )
            % {"where": where, "other": show_if["question"]}
        ]
    if target.get("type") not in CONDITION_TYPES:
        return [
            _(
                "%(where)s can only depend on a choice or yes/no question; “%(other)s” is not one."
            )
            % {"where": where, "other": show_if["question"]}
        ]
    expected = show_if.get("equals")
    if target["type"] == YES_NO:
        if yes_no_value(expected) is None:
            return [
                _("%(where)s: a condition on a yes/no question equals true or false.")
                % {"where": where}
            ]
        return []
    values = [
        str(choice.get("value"))
        for choice in target.get("choices") or []
        if isinstance(choice, dict)
    ]
    if str(expected) not in values:
        return [
            _("%(where)s: “%(value)s” is not one of the choices of “%(other)s”.")
            % {"where": where, "value": expected, "other": show_if["question"]}
        ]
    return []


def _group_errors(
    question: Question, earlier: dict[str, Question], where: str
) -> list[str]:
    errors = []
    high = _number(question.get("max"))
    if high is not None and not 1 <= high <= MAX_GROUP_ITEMS:
        errors.append(
            _("%(where)s: a group holds between 1 and %(max)s items.")
            % {"where": where, "max": MAX_GROUP_ITEMS}
        )
    children = question.get("questions")
    if not isinstance(children, list) or not children:
        return errors + [
            _("%(where)s: a group needs at least one question.") % {"where": where}
        ]
    # Inside a group, a question may depend on an earlier one of the same item
    # or on a question asked before the group; names are unique in the group.
    scope = dict(earlier)
    own: set[str] = set()
    for child in children:
        errors += _question_errors(child, own, scope, in_group=True)
        if isinstance(child, dict) and child.get("name"):
            own.add(child["name"])
            scope[child["name"]] = child
    return errors
