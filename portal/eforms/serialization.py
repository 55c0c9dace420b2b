"""EForm ↔ definition: the snippet's StreamField turned into the plain
definition of `definition.py` (for the wizard, the API, the export and the
dossier's snapshot), and a definition turned back into StreamField data (for
the import).

Both directions write optional keys only when they have a value, in one fixed
order, so export → import → export gives the same bytes.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from . import definition as d

# The keys a question may carry beyond the common ones, in the order written.
_TYPE_KEYS = ("max_length", "min", "max", "decimals", "unit", "item_label")


def json_number(value: Any) -> int | float | None:
    """A Decimal or number as a JSON number: an int when whole."""
    if value is None or value == "":
        return None
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


def _condition(value) -> dict | None:
    if not value or not value.get("question"):
        return None
    return {"question": value["question"], "equals": value.get("equals") or ""}


def question_definition(kind: str, value) -> d.Question:
    """One question block (its type and StructValue) as a definition dict."""
    question: d.Question = {
        "name": value["name"],
        "type": kind,
        "label": value["label"],
    }
    if value.get("hint"):
        question["hint"] = value["hint"]
    if kind != d.GROUP and value.get("required"):
        question["required"] = True
    if kind in d.CHOICE_TYPES:
        question["choices"] = [
            {"value": item["value"], "label": item["label"]}
            for item in value["choices"]
        ]
    if kind == d.DATE:
        allowed = value.get("allowed")
        if allowed == "past":
            question["max"] = "today"
        elif allowed == "future":
            question["min"] = "today"
    for key in _TYPE_KEYS:
        raw = value.get(key) if key in value else None
        if key == "decimals" and not raw:
            continue
        if key in ("min", "max", "max_length", "decimals"):
            raw = json_number(raw)
        if raw not in (None, ""):
            question[key] = raw
    if kind == d.PERSON:
        if value.get("id_required"):
            question["id_required"] = True
        if value.get("relationship"):
            question["relationship"] = True
    condition = _condition(value.get("show_if"))
    if condition:
        question["show_if"] = condition
    if value.get("prefill"):
        question["prefill"] = value["prefill"]
    if kind == d.GROUP:
        question["questions"] = [
            question_definition(child.block_type, child.value)
            for child in value["questions"]
        ]
    return question


def _typed_conditions(definition: d.Definition) -> d.Definition:
    """Conditions on yes/no questions compare with true/false, not text."""

    def fix(questions: list[d.Question], scope: dict[str, d.Question]) -> None:
        scope = dict(scope)
        for question in questions:
            condition = question.get("show_if")
            target = scope.get(condition["question"]) if condition else None
            if target is not None and target.get("type") == d.YES_NO:
                converted = d.yes_no_value(condition.get("equals"))
                if converted is not None:
                    condition["equals"] = converted
            if question.get("type") == d.GROUP:
                fix(question.get("questions") or [], scope)
            scope[question["name"]] = question
        outer.update({q["name"]: q for q in questions})

    outer: dict[str, d.Question] = {}
    for section in definition["sections"]:
        fix(section["questions"], outer)
    return definition


def form_definition(form) -> d.Definition:
    """An EForm (any object with its fields) as the definition dict."""
    definition: d.Definition = {"key": form.key, "title": form.title}
    if form.reference:
        definition["reference"] = form.reference
    if form.signature:
        definition["signature"] = True
        if form.signature_caption:
            definition["signature_caption"] = form.signature_caption
    definition["sections"] = sections_definition(form.sections)
    return _typed_conditions(definition)


def sections_definition(stream) -> list[dict[str, Any]]:
    """The sections of a form's StreamField value as definition dicts."""
    sections = []
    for block in stream:
        value = block.value
        section: dict[str, Any] = {"title": value["title"]}
        if value.get("intro"):
            section["intro"] = value["intro"]
        if value.get("one_question_per_page"):
            section["one_question_per_page"] = True
        section["questions"] = [
            question_definition(child.block_type, child.value)
            for child in value["questions"]
        ]
        sections.append(section)
    return sections


def _block(kind: str, value: dict[str, Any]) -> dict[str, Any]:
    """Raw StreamField/ListBlock data with an id: wagtail-localize keys
    translations by block id."""
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def _question_value(question: d.Question) -> dict[str, Any]:
    kind = question["type"]
    value: dict[str, Any] = {
        "label": question.get("label", ""),
        "name": question.get("name", ""),
        "hint": question.get("hint", ""),
    }
    condition = question.get("show_if") or {}
    equals = condition.get("equals", "")
    if isinstance(equals, bool):
        equals = "true" if equals else "false"
    value["show_if"] = {
        "question": condition.get("question", ""),
        "equals": str(equals),
    }
    if kind == d.GROUP:
        value.update(
            item_label=question.get("item_label", ""),
            min=question.get("min", 0),
            max=question.get("max", d.MAX_GROUP_ITEMS),
            questions=[
                _block(child["type"], _question_value(child))
                for child in question.get("questions") or []
            ],
        )
        return value
    value["required"] = bool(question.get("required"))
    if kind in d.CHOICE_TYPES:
        value["choices"] = [
            _block("item", {"label": c["label"], "value": c["value"]})
            for c in question.get("choices") or []
        ]
    if kind == d.DATE:
        value["allowed"] = (
            "past"
            if question.get("max")
            else "future"
            if question.get("min")
            else "any"
        )
    elif kind in (d.NUMBER, d.MONEY, d.MULTI_CHOICE):
        value["min"] = question.get("min")
        value["max"] = question.get("max")
    if kind == d.NUMBER:
        value["decimals"] = question.get("decimals", 0)
        value["unit"] = question.get("unit", "")
    if kind in (d.TEXT, d.LONG_TEXT):
        value["max_length"] = question.get("max_length")
    if kind == d.PERSON:
        value["id_required"] = bool(question.get("id_required"))
        value["relationship"] = bool(question.get("relationship"))
    if "prefill" in question:
        value["prefill"] = question["prefill"]
    return value


def sections_stream_data(definition: d.Definition) -> list[dict[str, Any]]:
    """The definition's sections as raw StreamField data for `EForm.sections`."""
    return [
        _block(
            "section",
            {
                "title": section.get("title", ""),
                "intro": section.get("intro", ""),
                "one_question_per_page": bool(section.get("one_question_per_page")),
                "questions": [
                    _block(question["type"], _question_value(question))
                    for question in section.get("questions") or []
                ],
            },
        )
        for section in definition.get("sections") or []
    ]


def form_fields(definition: d.Definition) -> dict[str, Any]:
    """The EForm field values a definition gives (all but the sections)."""
    return {
        "title": definition.get("title", ""),
        "reference": definition.get("reference", ""),
        "signature": bool(definition.get("signature")),
        "signature_caption": definition.get("signature_caption", ""),
    }


def canonical_definition(definition: d.Definition) -> d.Definition:
    """The definition as the snippet would store and export it (defaults filled,
    optional keys dropped, one key order): what import and export compare."""
    from portal.text import ascii_slug

    from .models import EForm

    form = EForm(
        key=definition.get("key") or ascii_slug(definition.get("title", ""), 80),
        sections=sections_stream_data(definition),
        **form_fields(definition),
    )
    return form_definition(form)
