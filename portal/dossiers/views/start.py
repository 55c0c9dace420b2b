"""The start page of a procedure (GOV.UK pattern): what you need, then "Start
now", which creates a draft and opens the wizard."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View
from wagtail.coreutils import get_supported_content_language_variant

from cms_pages.models import ProcedurePage
from portal.security.ratelimit import check_rate

from ..models import DossierDraft
from .session import SESSION_DRAFTS, ensure_session, remember


def find_procedure(code: str) -> ProcedurePage:
    """The live procedure page with this code in the active language (else the default)."""
    pages = ProcedurePage.objects.live().filter(code=code)
    # One query: the active language's version first, by a join on the
    # locale rather than a Locale lookup of its own.
    language = get_supported_content_language_variant(translation.get_language())
    page = (
        pages.annotate(active=Q(locale__language_code=language))
        .order_by("-active", "path")
        .first()
    )
    if page is None or not page.accepts_online_dossiers:
        raise Http404(_("This procedure cannot be filed online."))
    return page


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
        refused = check_rate(request, "dossier_start")
        if refused is not None:
            return refused
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
