"""Answers as people read them: rows for "check your answers", the officials'
dossier view, the declaration PDF and (masked) the tracking page, and as flat
columns for the CSV export.

An answer set maps machine names to JSON values:
text, long_text, email, phone, cccd, mst → str; number → int or float;
money → int (đồng); date → "YYYY-MM-DD"; choice → the choice's value;
multi_choice → list of values; yes_no → bool;
address → {"province_code", "province", "commune_code", "commune", "street"};
person → {"full_name", "birth_date", "id_number"?, "relationship"?};
group → list of answer sets. Questions not asked or not answered are absent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.template.defaultfilters import date as date_format
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from . import definition as d
from .addresses import address_text
from .fields import vnd_text
from .pages import FormPage, form_pages


@dataclass
class Row:
    """One question and its answer; a group's items are nested rows."""

    label: str
    value: str
    name: str
    items: list[tuple[str, list[Row]]] = field(default_factory=list)


@dataclass
class SectionRows:
    """The rows of one section (or one wizard page) with its title."""

    title: str
    rows: list[Row]
    step: str = ""


def _date_text(value: str) -> str:
    try:
        return date_format(date.fromisoformat(value), "d/m/Y")
    except (TypeError, ValueError):
        return str(value)


def _number_text(value: Any, unit: str = "") -> str:
    """1250.5 → "1.250,5" in Vietnamese, "1,250.5" in English."""
    text = number_format(value, use_l10n=True, force_grouping=True)
    return f"{text} {unit}".strip()


def person_text(value: dict) -> str:
    parts = [value.get("full_name", "")]
    if value.get("birth_date"):
        parts.append(_("born %(date)s") % {"date": _date_text(value["birth_date"])})
    if value.get("id_number"):
        parts.append(_("citizen ID %(number)s") % {"number": value["id_number"]})
    if value.get("relationship"):
        parts.append(value["relationship"])
    return ", ".join(part for part in parts if part)


def display_value(question: d.Question, value: Any) -> str:
    """An answer in words, in the active language."""
    kind = question["type"]
    if value is None or value == "" or value == []:
        return _("Not answered")
    if kind == d.YES_NO:
        return _("Yes") if value else _("No")
    if kind in d.CHOICE_TYPES:
        labels = {c["value"]: c["label"] for c in question.get("choices") or []}
        values = value if isinstance(value, list) else [value]
        return "; ".join(labels.get(item, str(item)) for item in values)
    if kind == d.DATE:
        return _date_text(value)
    if kind == d.MONEY:
        return vnd_text(value)
    if kind == d.NUMBER:
        return _number_text(value, question.get("unit", ""))
    if kind == d.ADDRESS:
        return address_text(value)
    if kind == d.PERSON:
        return person_text(value)
    return str(value)


def question_rows(
    questions, answers: dict, value_text: Callable = display_value
) -> list[Row]:
    """Rows for the questions that were asked (an answer or an empty optional one)."""
    rows = []
    scope = dict(answers)
    for question in questions:
        if not d.condition_holds(question.get("show_if"), scope):
            continue
        name, value = question["name"], answers.get(question["name"])
        if question["type"] == d.GROUP:
            item_label = question.get("item_label") or _("Item")
            items = [
                (
                    f"{item_label} {index}",
                    question_rows(
                        question.get("questions") or [], {**scope, **entry}, value_text
                    ),
                )
                for index, entry in enumerate(value or [], start=1)
            ]
            summary = (
                _("%(count)s × %(item)s") % {"count": len(items), "item": item_label}
                if items
                else _("None")
            )
            rows.append(Row(question["label"], summary, name, items))
        else:
            rows.append(Row(question["label"], value_text(question, value), name))
    return rows


def section_rows(
    definition: d.Definition, answers: dict, value_text: Callable = display_value
) -> list[SectionRows]:
    """Every section with its answered rows (empty sections are left out)."""
    result = []
    for section in definition.get("sections") or []:
        rows = question_rows(section.get("questions") or [], answers, value_text)
        if rows:
            result.append(SectionRows(section["title"], rows))
    return result


def page_rows(page: FormPage, answers: dict) -> SectionRows:
    """The rows of one wizard page (for "check your answers")."""
    return SectionRows(page.title, question_rows(page.questions, answers), page.step)


# Masking for the public tracking page ----------------------------------------


def _mask_words(text: str) -> str:
    from portal.dossiers.public_status import mask_name

    return mask_name(text)


def _mask_digits(text: str, keep: int = 3) -> str:
    return "*" * max(len(text) - keep, 0) + text[-keep:]


def masked_value(question: d.Question, value: Any) -> str:
    """An answer as the public tracking page shows it: enough to recognise it,
    not enough to learn it (like the applicant's name and phone there)."""
    from portal.dossiers.public_status import mask_phone

    kind = question["type"]
    if value is None or value == "" or value == []:
        return _("Not answered")
    if kind in (d.YES_NO, *d.CHOICE_TYPES):
        return "•••"
    if kind == d.PHONE:
        return mask_phone(str(value))
    if kind in (d.CCCD, d.MST, d.NUMBER, d.MONEY):
        return _mask_digits(str(value))
    if kind == d.DATE:
        return "**/**/" + str(value)[:4]
    if kind == d.EMAIL:
        local, _at, domain = str(value).partition("@")
        return f"{local[:1]}***@{domain[:1]}***"
    if kind == d.ADDRESS:
        return _mask_words(address_text(value))
    if kind == d.PERSON:
        return _mask_words(value.get("full_name", ""))
    return _mask_words(str(value))


def masked_section_rows(definition: d.Definition, answers: dict) -> list[SectionRows]:
    return section_rows(definition, answers, masked_value)


def rows_json(rows: list[Row]) -> list[dict]:
    """Rows as JSON: label, value and, for a group, its items' rows."""
    return [
        {
            "name": row.name,
            "label": row.label,
            "value": row.value,
            **(
                {"items": [{"title": t, "answers": rows_json(r)} for t, r in row.items]}
                if row.items
                else {}
            ),
        }
        for row in rows
    ]


# Flat columns for the CSV export ----------------------------------------------


def flat_answers(definition: d.Definition, answers: dict) -> dict[str, str]:
    """Column → text: `child_name`, `father.full_name`, `members.2.full_name`…"""
    columns: dict[str, str] = {}

    def add(questions, values: dict, prefix: str) -> None:
        for question in questions:
            name, value = question["name"], values.get(question["name"])
            if value is None:
                continue
            kind = question["type"]
            if kind == d.GROUP:
                for index, entry in enumerate(value, start=1):
                    add(
                        question.get("questions") or [],
                        entry,
                        f"{prefix}{name}.{index}.",
                    )
            elif kind in (d.PERSON, d.ADDRESS):
                for part, text in value.items():
                    columns[f"{prefix}{name}.{part}"] = str(text)
            elif kind == d.MULTI_CHOICE:
                columns[prefix + name] = ";".join(str(item) for item in value)
            elif kind == d.YES_NO:
                columns[prefix + name] = "yes" if value else "no"
            else:
                columns[prefix + name] = str(value)

    for _index, question in d.iter_questions(definition):
        add([question], answers, "")
    return columns


def all_pages_rows(definition: d.Definition, answers: dict) -> list[SectionRows]:
    """Rows per wizard page (pages with no asked question are left out)."""
    return [
        rows
        for rows in (page_rows(page, answers) for page in form_pages(definition))
        if rows.rows
    ]
