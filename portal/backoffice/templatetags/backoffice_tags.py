"""Small includes other templates pull in: the applicant's next actions on the
tracking page, procedure figures on procedure pages, and "was this page helpful?"."""

from django import template
from django.utils.http import urlencode

from portal.dossiers.models import DossierStatus

from ..forms import PageFeedbackForm
from ..models import DossierRating, SupplementRequest
from ..statistics import procedure_summary

register = template.Library()


@register.inclusion_tag("backoffice/includes/tracking_actions.html", takes_context=True)
def tracking_actions(context, dossier):
    """Supplement request (with upload link) and rating link for a tracked dossier."""
    query = urlencode({"code": dossier.code, "verify": dossier.verification_code})
    supplement_request = None
    if dossier.status == DossierStatus.SUPPLEMENT_REQUESTED:
        supplement_request = (
            SupplementRequest.objects.filter(dossier=dossier, fulfilled_at__isnull=True)
            .prefetch_related("items")
            .first()
        )
    can_rate = (
        dossier.status == DossierStatus.RESULT_RETURNED
        and not DossierRating.objects.filter(dossier=dossier).exists()
    )
    return {
        "request": context.get("request"),
        "messages": context.get("messages"),
        "dossier": dossier,
        "query": query,
        "supplement_request": supplement_request,
        "can_rate": can_rate,
    }


@register.inclusion_tag("backoffice/includes/procedure_statistics.html")
def procedure_statistics(page):
    """On-time rate and satisfaction of a procedure (nothing when no data)."""
    code = getattr(page, "code", "")
    return {"summary": procedure_summary(code) if code else None, "page": page}


@register.inclusion_tag("backoffice/includes/page_feedback.html", takes_context=True)
def page_feedback(context, page=None):
    """The "Was this page helpful?" box (not on the home page)."""
    request = context.get("request")
    if page is None or getattr(page, "pk", None) is None or page.depth <= 2:
        return {"show": False}
    return {
        "show": True,
        "page": page,
        "form": PageFeedbackForm(initial={"page": page.pk}),
        "thanks": request is not None and request.GET.get("feedback") == "thanks",
        "request": request,
    }
