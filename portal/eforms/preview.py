"""The admin preview of an e-form: every page as citizens will see it (with
every question, whatever the conditions), and a table of the questions."""

from __future__ import annotations

from typing import Any

from . import definition as d
from .builder import EFormPageForm
from .pages import form_pages


def _known_questions(definition: d.Definition) -> dict[str, d.Question]:
    known = {}
    for _index, question in d.iter_questions(definition):
        known[question["name"]] = question
        for child in question.get("questions") or []:
            known.setdefault(child["name"], child)
    return known


def preview_context(definition: d.Definition) -> dict[str, Any]:
    """Template context: the form's pages, each with an unbound page form."""
    known = _known_questions(definition)
    pages = [
        {
            "page": page,
            "form": EFormPageForm(
                page=page, prefix=page.step, show_all=True, known_questions=known
            ),
        }
        for page in form_pages(definition)
    ]
    rows = []
    for index, question in d.iter_questions(definition):
        rows.append({"section": index + 1, "question": question, "depth": 0})
        for child in question.get("questions") or []:
            rows.append({"section": index + 1, "question": child, "depth": 1})
    return {
        "definition": definition,
        "pages": pages,
        "question_rows": rows,
        "type_labels": d.QUESTION_TYPES,
    }
