"""The procedure's e-form as wizard steps: one step per e-form page, after the
applicant (and organisation) and before the documents.

The definition is copied into the draft the first time the wizard runs
(`extra_data["eform"]`), so the citizen fills in one version of the form
whatever editors publish meanwhile, and the dossier keeps that version.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from portal.eforms.answers import SectionRows, page_rows
from portal.eforms.builder import EFormPageForm
from portal.eforms.pages import FormPage, form_pages, is_form_step, page_applies
from portal.eforms.services import form_for_procedure

from . import steps

EXTRA_KEY = "eform"


class EFormStepsMixin:
    """Wizard view mixin; call `setup_eform_steps()` once storage is ready."""

    eform_definition: dict | None = None
    eform_form_id: int | None = None
    eform_pages: dict[str, FormPage]

    def setup_eform_steps(self) -> None:
        extra = dict(self.storage.extra_data or {})
        if EXTRA_KEY not in extra:
            form = form_for_procedure(self.procedure, self.draft.language)
            extra[EXTRA_KEY] = {
                "definition": form.definition if form is not None else None,
                "form_id": form.pk if form is not None else None,
            }
            self.storage.extra_data = extra
        self.eform_definition = extra[EXTRA_KEY]["definition"]
        self.eform_form_id = extra[EXTRA_KEY]["form_id"]
        pages = form_pages(self.eform_definition)
        self.eform_pages = {page.step: page for page in pages}
        if not pages:
            return
        # Instance copies: the class-level form list is shared by every request.
        items = list(self.form_list.items())
        at = [name for name, _form in items].index(steps.DOCUMENTS)
        inserted = [(page.step, EFormPageForm) for page in pages]
        self.form_list = OrderedDict(items[:at] + inserted + items[at:])
        self.condition_dict = dict(self.condition_dict)
        for page in pages:
            self.condition_dict[page.step] = _page_condition(page)

    @property
    def has_eform(self) -> bool:
        return bool(self.eform_pages)

    def eform_answers(self, before: str | None = None) -> dict[str, Any]:
        """The answers of the e-form pages that apply (up to `before`)."""
        answers: dict[str, Any] = {}
        for step, page in self.eform_pages.items():
            if step == before:
                break
            if not page_applies(page, answers):
                continue
            answers.update(self.get_cleaned_data_for_step(step) or {})
        return answers

    def eform_prefill(self) -> dict[str, Any]:
        """The applicant's answers, by the names questions prefill from."""
        applicant = self.get_cleaned_data_for_step(steps.APPLICANT) or {}
        organisation = {}
        if steps.ORGANISATION in self.get_form_list():
            organisation = self.get_cleaned_data_for_step(steps.ORGANISATION) or {}
        prefill = {
            "applicant_name": applicant.get("full_name"),
            "applicant_id_number": applicant.get("id_number"),
            "applicant_birth_date": applicant.get("birth_date"),
            "applicant_phone": applicant.get("phone"),
            "applicant_email": applicant.get("email"),
            "applicant_address": applicant.get("address"),
            "organisation_name": organisation.get("organisation_name"),
            "organisation_tax_code": organisation.get("tax_code"),
            "organisation_representative": organisation.get("representative"),
        }
        if applicant:
            prefill["applicant"] = {
                key: applicant.get(key)
                for key in ("full_name", "birth_date", "id_number")
            }
        return {key: value for key, value in prefill.items() if value}

    def eform_form_kwargs(self, step: str) -> dict[str, Any]:
        return {
            "page": self.eform_pages[step],
            "earlier": self.eform_answers(before=step),
            "prefill": self.eform_prefill(),
        }

    def eform_summary(self, step: str) -> SectionRows:
        """Check-your-answers rows of one e-form page."""
        return page_rows(self.eform_pages[step], self.eform_answers())

    def render(self, form=None, **kwargs):
        if isinstance(form, EFormPageForm) and form.action:
            # "Add another" / "Remove": keep what is on the page, show it again.
            self.storage.set_step_data(self.steps.current, self.process_step(form))
        return super().render(form, **kwargs)


def _page_condition(page: FormPage):
    def applies(wizard) -> bool:
        return page_applies(page, wizard.eform_answers(before=page.step))

    applies.__name__ = f"eform_page_{page.step}_applies"
    return applies


__all__ = ["EFormStepsMixin", "is_form_step"]
