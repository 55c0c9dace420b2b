"""Public views: start page, the wizard, saving for later, the receipt, tracking.

The wizard is formtools' NamedUrlWizardView with state in a `DossierDraft` row
(never cookies: formtools #45). Every wizard URL carries the draft's instance
id, so two tabs fill two dossiers (#126); uploads are stored as soon as they
pass their checks, so they survive going back (#207, #98).
"""

from __future__ import annotations

import hmac
from datetime import date

from django import forms as django_forms
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import date as date_format
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from formtools.wizard.storage.base import BaseStorage
from formtools.wizard.views import NamedUrlWizardView, StepsHelper, WizardView
from wagtail.models import Locale, Site

from cms_pages.models import CentreSettings, ProcedurePage

from . import steps
from .calendar import load_calendar
from .emails import send_resume_link
from .forms import DocumentsForm, ResumeEmailForm, TrackingForm
from .models import ApplicantType, Dossier, DossierDraft
from .ratelimit import hit, tracking_rate
from .receipt import appointment_explanation, qr_svg, receipt_pdf, tracking_url
from .services import Answers, submit_dossier
from .tracking import public_status

WIZARD_PREFIX = "dossier_wizard"
SESSION_SUBMITTED = "dossiers_submitted"
SESSION_DRAFTS = "dossiers_drafts"


def ensure_session(request) -> str:
    """The session key, creating the session (and its cookie) if needed."""
    if request.session.session_key is None:
        request.session[SESSION_DRAFTS] = request.session.get(SESSION_DRAFTS, [])
        request.session.save()
    return request.session.session_key


def remember(request, key: str, value: str, keep: int = 20) -> None:
    values = [item for item in request.session.get(key, []) if item != value]
    request.session[key] = (values + [value])[-keep:]


def find_procedure(code: str) -> ProcedurePage:
    """The live procedure page with this code in the active language (else the default)."""
    pages = ProcedurePage.objects.live().filter(code=code)
    try:
        page = pages.filter(locale=Locale.get_active()).first()
    except Locale.DoesNotExist:
        page = None
    page = page or pages.first()
    if page is None or not page.accepts_online_dossiers:
        raise Http404(_("This procedure cannot be filed online."))
    return page


def restart_page(request, reason: str, *, status: int, procedure=None) -> HttpResponse:
    """The friendly page for expired, unknown or foreign wizard links."""
    return render(
        request,
        "dossiers/restart.html",
        {"reason": reason, "procedure": procedure},
        status=status,
    )


class StartView(View):
    """GOV.UK start page: what you need, then "Start now" (POST creates a draft)."""

    template_name = "dossiers/start.html"

    def get(self, request, procedure_code):
        procedure = find_procedure(procedure_code)
        drafts = []
        if request.session.session_key:
            drafts = list(
                DossierDraft.objects.filter(
                    session_key=request.session.session_key,
                    procedure__code=procedure.code,
                    submitted_at__isnull=True,
                    expires_at__gt=timezone.now(),
                ).order_by("-updated_at")[:5]
            )
        return render(
            request,
            self.template_name,
            {
                "procedure": procedure,
                "documents": list(procedure.documents.select_related("template_file")),
                "drafts": drafts,
            },
        )

    def post(self, request, procedure_code):
        procedure = find_procedure(procedure_code)
        draft = DossierDraft.objects.create(
            session_key=ensure_session(request),
            procedure=procedure,
            language=(translation.get_language() or "vi")[:2],
        )
        remember(request, SESSION_DRAFTS, str(draft.instance_id))
        return redirect(
            "dossiers:wizard",
            procedure_code=procedure.code,
            instance_id=draft.instance_id,
        )


class DraftStorage(BaseStorage):
    """formtools storage whose data lives in a DossierDraft row, saved every request."""

    def __init__(self, prefix, request=None, file_storage=None, draft=None):
        super().__init__(prefix, request, file_storage)
        self.draft = draft
        data = draft.data
        if not isinstance(data, dict) or not {
            self.step_key,
            self.step_data_key,
            self.step_files_key,
            self.extra_data_key,
        } <= set(data):
            self.init_data()

    @property
    def data(self) -> dict:
        return self.draft.data

    @data.setter
    def data(self, value: dict) -> None:
        self.draft.data = value

    def update_response(self, response):
        super().update_response(response)
        step = self.data.get(self.step_key) or ""
        if self.request.method != "POST" and step == self.draft.current_step:
            # Reading a step changes nothing worth a write.
            return
        self.draft.current_step = step
        self.draft.touch()
        # Only the wizard's own fields: submit_dossier() sets submitted_at on
        # another instance of this row during the same request.
        self.draft.save(
            update_fields=[
                "data",
                "current_step",
                "expires_at",
                "updated_at",
                "email",
                "resume_link_sent_at",
            ]
        )


class DossierWizardView(NamedUrlWizardView):
    """The dossier wizard (steps and conditions in steps.py)."""

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
        kwargs = {"procedure": self.procedure}
        if step == steps.DOCUMENTS:
            kwargs["draft"] = self.draft
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
                "step_title": steps.STEP_TITLES[current],
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
            context["fees"] = list(self.procedure.fees.all())
        return context

    @staticmethod
    def _error_list(form) -> list[dict]:
        """Errors for the summary at the top, each linking to its field."""
        if not form.is_bound:
            return []
        errors = [
            {"href": "", "message": message} for message in form.non_field_errors()
        ]
        for name, messages in form.errors.items():
            if name == django_forms.forms.NON_FIELD_ERRORS:
                continue
            bound = form[name]
            widget = bound.field.widget
            field_id = bound.id_for_label
            if isinstance(widget, django_forms.RadioSelect):
                field_id = f"{bound.auto_id}_0"
            for message in messages:
                errors.append({"href": f"#{field_id}", "message": message})
        return errors

    def summary(self) -> list[dict]:
        """Check your answers: every answer and file, with a change link per step."""
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
                    rows.append({"label": row["document"].name, "value": value})
            elif form.is_valid():
                for name, field in form.fields.items():
                    rows.append(
                        {"label": field.label, "value": self._display(form, name)}
                    )
            else:
                rows.append(
                    {"label": steps.STEP_TITLES[step], "value": _("Not answered yet")}
                )
            sections.append(
                {
                    "step": step,
                    "title": steps.STEP_TITLES[step],
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
            cleaned.update(form.cleaned_data)
        kind = steps.applicant_type(self) or ApplicantType.INDIVIDUAL
        fee = form_dict[steps.DELIVERY].chosen_fee()
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
            fee_label=fee.label if fee else "",
            fee_vnd=fee.amount_vnd if fee else None,
        )
        dossier = submit_dossier(self.draft, answers)
        remember(self.request, SESSION_SUBMITTED, dossier.code)
        return redirect("dossiers:confirmation", code=dossier.code)


def _owned_draft(request, procedure_code, instance_id):
    draft = (
        DossierDraft.objects.select_related("procedure")
        .filter(instance_id=instance_id, procedure__code=procedure_code)
        .first()
    )
    if draft is None or draft.session_key != request.session.session_key:
        return None
    return draft


class SaveForLaterView(View):
    """Send (or show) the link that continues this draft on any device."""

    template_name = "dossiers/save.html"

    def dispatch(self, request, procedure_code, instance_id):
        self.draft = _owned_draft(request, procedure_code, instance_id)
        if self.draft is None or self.draft.is_expired or self.draft.submitted_at:
            return restart_page(request, "missing", status=404)
        return super().dispatch(request, procedure_code, instance_id)

    def context(self, form, sent=False):
        step = self.draft.current_step or steps.STEP_NAMES[0]
        return {
            "draft": self.draft,
            "procedure": self.draft.procedure,
            "form": form,
            "sent": sent,
            "continue_url": reverse(
                "dossiers:step",
                kwargs={
                    "procedure_code": self.draft.procedure.code,
                    "instance_id": self.draft.instance_id,
                    "step": step,
                },
            ),
            "expires_at": self.draft.expires_at,
        }

    def get(self, request, procedure_code, instance_id):
        form = ResumeEmailForm(initial={"email": self.draft.email})
        return render(request, self.template_name, self.context(form))

    def post(self, request, procedure_code, instance_id):
        form = ResumeEmailForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, self.context(form), status=200)
        email = form.cleaned_data["email"]
        sent = send_resume_link(self.draft, email)
        self.draft.email = email
        if sent:
            self.draft.resume_link_sent_at = timezone.now()
        self.draft.touch()
        self.draft.save()
        return render(request, self.template_name, self.context(form, sent=sent))


@never_cache
def resume(request, token):
    """The emailed link: bind the draft to this browser and continue where it stopped."""
    draft = (
        DossierDraft.objects.select_related("procedure")
        .filter(resume_token=token)
        .first()
    )
    if draft is None or draft.procedure is None:
        return restart_page(request, "missing", status=404)
    if draft.submitted_at is not None:
        dossier = Dossier.objects.filter(draft=draft).first()
        if dossier is not None:
            remember(request, SESSION_SUBMITTED, dossier.code)
            return redirect("dossiers:confirmation", code=dossier.code)
    if draft.is_expired:
        return restart_page(request, "expired", status=410, procedure=draft.procedure)
    draft.session_key = ensure_session(request)
    draft.touch()
    draft.save(update_fields=["session_key", "expires_at", "updated_at"])
    remember(request, SESSION_DRAFTS, str(draft.instance_id))
    return redirect(
        "dossiers:step",
        procedure_code=draft.procedure.code,
        instance_id=draft.instance_id,
        step=draft.current_step or steps.STEP_NAMES[0],
    )


def _receipt_dossier(request, code: str) -> Dossier | None:
    if code not in request.session.get(SESSION_SUBMITTED, []):
        return None
    return (
        Dossier.objects.select_related("agency", "procedure").filter(code=code).first()
    )


def _centre(request):
    site = (
        Site.find_for_request(request)
        or Site.objects.filter(is_default_site=True).first()
    )
    return CentreSettings.for_site(site) if site else CentreSettings()


@never_cache
def confirmation(request, code):
    """Confirmation panel and printable receipt (only for the browser that submitted)."""
    dossier = _receipt_dossier(request, code)
    if dossier is None:
        return restart_page(request, "receipt_denied", status=404)
    url = tracking_url(dossier)
    return render(
        request,
        "dossiers/confirmation.html",
        {
            "dossier": dossier,
            "documents": list(dossier.documents.all()),
            "explanation": appointment_explanation(dossier, load_calendar()),
            "tracking_url": url,
            "qr_svg": qr_svg(url),
        },
    )


@never_cache
def receipt_pdf_view(request, code):
    """The receipt as a PDF with its QR code."""
    dossier = _receipt_dossier(request, code)
    if dossier is None:
        return restart_page(request, "receipt_denied", status=404)
    centre = _centre(request)
    with translation.override(dossier.language):
        name = centre.display_name
        explanation = appointment_explanation(dossier, load_calendar())
    pdf = receipt_pdf(dossier, name, explanation)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-nhan-{dossier.code}.pdf"'
    return response


def _verified(code: str, verify: str) -> Dossier | None:
    """The dossier when code and verification code match; None otherwise (same for both)."""
    dossier = (
        Dossier.objects.select_related("agency", "procedure")
        .filter(code__iexact=code.strip())
        .first()
    )
    expected = dossier.verification_code if dossier else "X" * 8
    matches = hmac.compare_digest(expected.upper(), (verify or "").strip().upper())
    return dossier if dossier is not None and matches else None


def _too_many(request, retry_after: int, *, json: bool = False):
    if json:
        response = JsonResponse(
            {"error": _("Too many lookups. Try again later.")}, status=429
        )
    else:
        response = render(
            request,
            "dossiers/too_many.html",
            {"retry_minutes": max(1, retry_after // 60)},
            status=429,
        )
    response["Retry-After"] = str(retry_after)
    return response


@never_cache
def track(request):
    """Tracking (tra cứu hồ sơ): code + verification code → masked status timeline."""
    form = TrackingForm(request.GET or None)
    context = {"form": form, "result": None, "not_found": False}
    if form.is_bound:
        allowed, retry_after = hit(request, "track", tracking_rate())
        if not allowed:
            return _too_many(request, retry_after)
        if form.is_valid():
            dossier = _verified(form.cleaned_data["code"], form.cleaned_data["verify"])
            if dossier is None:
                context["not_found"] = True
            else:
                context["result"] = public_status(dossier)
                context["dossier"] = dossier
    return render(request, "dossiers/track.html", context)


@require_GET
@never_cache
def api_status(request, code):
    """`GET /api/dossiers/CODE/status/?verify=SECRET` (same data as the tracking page)."""
    allowed, retry_after = hit(request, "track", tracking_rate())
    if not allowed:
        return _too_many(request, retry_after, json=True)
    dossier = _verified(code, request.GET.get("verify", ""))
    if dossier is None:
        return JsonResponse(
            {"error": _("No dossier matches this code and verification code.")},
            status=404,
        )
    with translation.override(request.GET.get("lang") or dossier.language):
        data = public_status(dossier)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
