"""The wizard pages an e-form makes: one per section, or one per question in
a section marked "one question per page" (GOV.UK style), and which of them
apply given the answers so far."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import definition as d

STEP_PREFIX = "eform-"


@dataclass(frozen=True)
class FormPage:
    """One wizard step of an e-form."""

    step: str
    section_index: int
    section_title: str
    title: str
    intro: str
    questions: tuple[d.Question, ...]
    single: bool = False

    @property
    def names(self) -> set[str]:
        return {question["name"] for question in self.questions}


def form_pages(definition: d.Definition | None) -> list[FormPage]:
    """The pages of a form, in order; step names are `eform-<section>[-<question>]`."""
    pages: list[FormPage] = []
    for index, section in enumerate((definition or {}).get("sections") or [], start=1):
        questions = tuple(section.get("questions") or [])
        if section.get("one_question_per_page"):
            for number, question in enumerate(questions, start=1):
                pages.append(
                    FormPage(
                        step=f"{STEP_PREFIX}{index}-{number}",
                        section_index=index - 1,
                        section_title=section["title"],
                        title=question["label"],
                        intro=section.get("intro", "") if number == 1 else "",
                        questions=(question,),
                        single=True,
                    )
                )
        else:
            pages.append(
                FormPage(
                    step=f"{STEP_PREFIX}{index}",
                    section_index=index - 1,
                    section_title=section["title"],
                    title=section["title"],
                    intro=section.get("intro", ""),
                    questions=questions,
                )
            )
    return pages


def is_form_step(step: str | None) -> bool:
    return bool(step) and step.startswith(STEP_PREFIX)


def decided_on_page(question: d.Question, page_names: set[str]) -> bool:
    """Whether the question's condition depends on an answer of its own page."""
    show_if = question.get("show_if") or {}
    return show_if.get("question") in page_names


def asked_before_page(
    question: d.Question, earlier: dict[str, Any], page_names: set[str]
) -> bool:
    """Whether the question is on its page at all, given earlier pages' answers.

    A question that depends on an answer of the same page is always on the
    page; the page shows or hides it as that answer changes.
    """
    if decided_on_page(question, page_names):
        return True
    return d.condition_holds(question.get("show_if"), earlier)


def page_applies(page: FormPage, earlier: dict[str, Any]) -> bool:
    """A page is skipped when none of its questions is asked."""
    return any(asked_before_page(q, earlier, page.names) for q in page.questions)
