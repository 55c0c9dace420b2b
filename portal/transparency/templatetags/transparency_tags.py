"""Small includes other templates pull in: procedure figures on procedure
pages, "was this page helpful?" under content pages, and the invitation to rate
on the tracking page."""

from django import template

from portal.dossiers.models import DossierStatus
from portal.dossiers.public_status import tracking_query

from ..forms import PageFeedbackForm
from ..models import DossierRating
from ..statistics import procedure_summary

register = template.Library()


@register.inclusion_tag("transparency/includes/procedure_statistics.html")
def procedure_statistics(page):
    """On-time rate and satisfaction of a procedure (nothing when no data)."""
    code = getattr(page, "code", "")
    return {"summary": procedure_summary(code) if code else None, "page": page}


@register.inclusion_tag("transparency/includes/page_feedback.html", takes_context=True)
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


@register.inclusion_tag("transparency/includes/rating_prompt.html")
def rating_prompt(dossier):
    """ "How did we do?" once the result is returned, until the applicant rates."""
    can_rate = (
        dossier is not None
        and dossier.status == DossierStatus.RESULT_RETURNED
        and not DossierRating.objects.filter(dossier=dossier).exists()
    )
    return {"can_rate": can_rate, "query": tracking_query(dossier) if can_rate else ""}
