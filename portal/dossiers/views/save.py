"""Save for later: the emailed link that continues a draft on any device for
30 days, and the view that link opens."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.decorators.cache import never_cache

from .. import steps
from ..emails import send_resume_link
from ..forms import ResumeEmailForm
from ..models import Dossier, DossierDraft
from .session import (
    SESSION_DRAFTS,
    SESSION_SUBMITTED,
    ensure_session,
    owned_draft,
    remember,
    restart_page,
)


class SaveForLaterView(View):
    """Send (or show) the link that continues this draft on any device."""

    template_name = "dossiers/save.html"

    def dispatch(self, request, procedure_code, instance_id):
        self.draft = owned_draft(request, procedure_code, instance_id)
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
