"""The dossier wizard: formtools' NamedUrlWizardView with its state in a
`DossierDraft` row (see draft_storage.py). Every wizard URL carries the draft's
instance id, so two tabs fill two dossiers (formtools #126); uploads are stored
as soon as they pass their checks, so they survive going back (#207, #98).
Steps and their conditions live in steps.py; `done()` calls
services.submit_dossier.
"""

from __future__ import annotations

from datetime import date

from django import forms as django_forms
from django.shortcuts import redirect
from django.template.defaultfilters import date as date_format
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from formtools.wizard.views import NamedUrlWizardView, StepsHelper, WizardView

from portal.eforms.answers import Row
from portal.eforms.builder import EFormPageForm
from portal.eforms.services import FormAnswers
from portal.form_errors import error_summary

from .. import steps
from ..draft_storage import DraftStorage
from ..eform_steps import EFormStepsMixin, is_form_step
from ..emails import send_resume_link
from ..forms import DocumentsForm
from ..models import ApplicantType, Dossier, DossierDraft
from ..services import Answers, submit_dossier
from .session import SESSION_SUBMITTED, remember, restart_page

WIZARD_PREFIX = "dossier_wizard"


class DossierWizardView(EFormStepsMixin, NamedUrlWizardView):
    """The dossier wizard (steps and conditions in steps.py; the procedure's
    e-form pages are added by EFormStepsMixin)."""

    template_name = "dossiers/wizard.html"

    @classmethod
    def as_wizard(cls):
        return cls.as_view(
            steps.STEPS,
            condition_dict=steps.CONDITIONS,
            url_name="dossiers:step",
            done_step_name="done",
        )

    def dispatch(self, request, *args, **kwargs):
        draft = (
            DossierDraft.objects.select_related("procedure")
            .filter(instance_id=kwargs["instance_id"])
            .first()
        )
        if draft is None or draft.procedure is None:
            return restart_page(request, "missing", status=404)
        procedure = draft.procedure.specific
        if procedure.code != kwargs["procedure_code"]:
            return restart_page(request, "missing", status=404)
        owner = draft.session_key and draft.session_key == request.session.session_key
        if draft.submitted_at is not None:
            dossier = Dossier.objects.filter(draft=draft).first()
            if owner and dossier is not None:
                return redirect("dossiers:confirmation", code=dossier.code)
            return restart_page(request, "submitted", status=410, procedure=procedure)
        if draft.is_expired:
            return restart_page(request, "expired", status=410, procedure=procedure)
        if not owner:
            return restart_page(
                request, "other_browser", status=403, procedure=procedure
            )
        self.draft = draft
        self.procedure = procedure
        self.prefix = WIZARD_PREFIX
        self.storage = DraftStorage(self.prefix, request, None, draft=draft)
        self.setup_eform_steps()
        self.steps = StepsHelper(self)
        response = View.dispatch(self, request, *args, **kwargs)
        self.storage.update_response(response)
        return response

    def get_prefix(self, request, *args, **kwargs):
        return WIZARD_PREFIX

    def _valid_current_step(self) -> str:
        """The stored current step, or the first one if a condition removed it."""
        form_list = self.get_form_list()
        if self.storage.current_step not in form_list:
            self.storage.current_step = self.steps.first
        return self.storage.current_step

    def post(self, *args, **kwargs):
        posted = self.request.POST.get(f"{self.prefix}-current_step")
        if posted is not None and posted not in self.get_form_list():
            # A stale page (another tab changed the answers that decide the
            # steps): show the step that applies now instead of failing.
            return redirect(self.get_step_url(self._valid_current_step()))
        self._valid_current_step()
        return super().post(*args, **kwargs)

    def get(self, request, *args, **kwargs):
        self._valid_current_step()
        step = kwargs.get("step")
        if step == self.done_step_name:
            # Submitting happens on the final POST only, never on a GET.
            return redirect(self.get_step_url(self.steps.current or self.steps.first))
        if step is None:
            return redirect(self.get_step_url(self.steps.current or self.steps.first))
        return super().get(request, *args, **kwargs)

    def get_step_url(self, step):
        return reverse(
            self.url_name,
            kwargs={
                "procedure_code": self.procedure.code,
                "instance_id": self.draft.instance_id,
                "step": step,
            },
        )

    def get_form_kwargs(self, step=None):
        if is_form_step(step):
            return self.eform_form_kwargs(step)
        kwargs = {"procedure": self.procedure}
        if step == steps.DOCUMENTS:
            kwargs["draft"] = self.draft
            kwargs["online"] = self.has_eform
        return kwargs

    def process_step(self, form):
        if isinstance(form, DocumentsForm):
            form.store_uploads()
        data = form.data.copy()
        data.pop("csrfmiddlewaretoken", None)
        data.pop("return_to", None)
        if self.steps.current == steps.APPLICANT:
            self._offer_resume_link(form.cleaned_data.get("email", ""))
        return data

    def process_step_files(self, form):
        # Files never go through formtools' temporary storage: DocumentsForm
        # stores them itself as DraftUploads.
        return {}

    def _offer_resume_link(self, email: str) -> None:
        if email and email != self.draft.email:
            self.draft.email = email
            if self.draft.resume_link_sent_at is None and send_resume_link(
                self.draft, email
            ):
                self.draft.resume_link_sent_at = timezone.now()

    def render(self, form=None, **kwargs):
        form = form or self.get_form()
        if isinstance(form, DocumentsForm) and form.is_bound and form.files:
            # Keep every file that passed its checks even when another did not.
            form.is_valid()
            form.store_uploads()
        return super().render(form, **kwargs)

    def render_next_step(self, form, **kwargs):
        if self.request.POST.get("return_to") == steps.CHECK:
            target = self._first_unanswered_step() or steps.CHECK
            self.storage.current_step = target
            suffix = "" if target == steps.CHECK else "?return=check"
            return redirect(self.get_step_url(target) + suffix)
        return super().render_next_step(form, **kwargs)

    def _first_unanswered_step(self) -> str | None:
        for step in self.get_form_list():
            if step == steps.CHECK:
                return None
            if self.get_cleaned_data_for_step(step) is None:
                return step
        return None

    def render_done(self, form, **kwargs):
        # Submit on the final POST itself (formtools would redirect to a GET).
        return WizardView.render_done(self, form, **kwargs)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        current = self.steps.current
        form_list = list(self.get_form_list())
        previous = self.steps.prev
        returning = self.request.GET.get("return") == steps.CHECK or (
            self.request.method == "POST"
            and self.request.POST.get("return_to") == steps.CHECK
        )
        context.update(
            {
                "procedure": self.procedure,
                "draft": self.draft,
                "step_name": current,
                "step_title": self.step_title(current),
                "eform_page": self.eform_pages.get(current),
                "has_eform": self.has_eform,
                "step_number": form_list.index(current) + 1,
                "step_count": len(form_list),
                "back_url": self.get_step_url(steps.CHECK)
                if returning
                else (self.get_step_url(previous) if previous else None),
                "return_to": steps.CHECK if returning else "",
                "save_url": reverse(
                    "dossiers:save",
                    kwargs={
                        "procedure_code": self.procedure.code,
                        "instance_id": self.draft.instance_id,
                    },
                ),
                "error_list": self._error_list(form),
            }
        )
        if current == steps.CHECK:
            context["summary"] = self.summary()
        if current == steps.DELIVERY:
            context["fee_summary"] = form.fee_summary
        return context

    def step_title(self, step: str) -> str:
        page = self.eform_pages.get(step)
        return page.title if page is not None else steps.STEP_TITLES[step]

    @staticmethod
    def _error_list(form) -> list[dict]:
        """Errors for the summary at the top, each linking to its field."""
        if isinstance(form, EFormPageForm) and form.is_bound:
            return form.error_links()
        return error_summary(form)

    def summary(self) -> list[dict]:
        """Check your answers: every answer and file, with a change link per step.

        Rows are `answers.Row`s, never dicts: a template asking a dict for
        `row.items` gets the dict's own `items` method and lists every
        letter of the label and the value (as this page once did)."""
        sections = []
        for step in self.get_form_list():
            if step in (steps.CHECK, steps.DECLARATION):
                continue
            form = self.get_form(step, data=self.storage.get_step_data(step))
            change_url = self.get_step_url(step) + "?return=check"
            rows = []
            if isinstance(form, DocumentsForm):
                for row in form.rows():
                    upload = row["upload"]
                    if upload is not None:
                        value = (
                            f"{upload.original_name} ({filesizeformat(upload.size)})"
                        )
                    else:
                        value = _("Not provided")
                    document = row["document"]
                    rows.append(Row(document.name, value, form.field_name(document)))
            elif isinstance(form, EFormPageForm) and form.is_valid():
                rows = self.eform_summary(step).rows
            elif form.is_valid():
                applying = getattr(form, "summary_fields", None)
                names = applying() if applying else list(form.fields)
                rows = [
                    Row(form.fields[name].label, self._display(form, name), name)
                    for name in names
                ]
            else:
                rows.append(Row(self.step_title(step), _("Not answered yet"), step))
            sections.append(
                {
                    "step": step,
                    "title": self.step_title(step),
                    "rows": rows,
                    "change_url": change_url,
                }
            )
        return sections

    @staticmethod
    def _display(form, name: str) -> str:
        value = form.cleaned_data.get(name)
        field = form.fields[name]
        if value in (None, ""):
            return "—"
        if isinstance(value, date):
            return date_format(value, "d/m/Y")
        if isinstance(field, django_forms.ChoiceField):
            return str(dict(field.choices).get(value, value))
        return str(value)

    def done(self, form_list, form_dict=None, **kwargs):
        cleaned = {}
        for form in form_list:
            if not isinstance(form, EFormPageForm):
                cleaned.update(form.cleaned_data)
        kind = steps.applicant_type(self) or ApplicantType.INDIVIDUAL
        fee_label, fee_vnd = form_dict[steps.DELIVERY].fees_due()
        answers = Answers(
            applicant_type=kind,
            applicant_name=cleaned["full_name"],
            applicant_id_number=cleaned["id_number"],
            applicant_birth_date=cleaned.get("birth_date"),
            applicant_phone=cleaned["phone"],
            applicant_email=cleaned.get("email", ""),
            applicant_address=cleaned["address"],
            organisation_name=cleaned.get("organisation_name", ""),
            organisation_tax_code=cleaned.get("tax_code", ""),
            organisation_representative=cleaned.get("representative", ""),
            receipt_method=cleaned["receipt_method"],
            postal_address=cleaned.get("postal_address", "").strip(),
            fee_label=fee_label[:300],
            fee_vnd=fee_vnd,
            form=FormAnswers(
                self.eform_definition, self.eform_answers(), self.eform_form_id
            )
            if self.has_eform
            else None,
        )
        dossier = submit_dossier(self.draft, answers)
        remember(self.request, SESSION_SUBMITTED, dossier.code)
        return redirect("dossiers:confirmation", code=dossier.code)
