"""What the public tracking page and API show about a dossier: status, timeline,
dates and the next thing to do, with personal data masked."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Dossier, DossierStatus


def mask_name(name: str) -> str:
    """Keep the first letter of each word: "Nguyễn Văn An" → "N***** V** A*"."""
    return " ".join(word[0] + "*" * (len(word) - 1) for word in name.split())


def mask_phone(phone: str) -> str:
    """Keep the first three and last three digits: 0912345678 → 091****678."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 6) + phone[-3:]


def next_step_text(dossier: Dossier) -> str:
    """What the citizen should do (or expect) now, in one or two sentences."""
    texts = {
        DossierStatus.RECEIVED: _(
            "The centre has received your dossier and passed it to the agency. "
            "You do not need to do anything now."
        ),
        DossierStatus.IN_PROCESSING: _(
            "The agency is handling your dossier. We will tell you when the result is ready."
        ),
        DossierStatus.SUPPLEMENT_REQUESTED: _(
            "The agency needs more documents: read the request below and supplement your "
            "dossier. The processing time restarts when the supplement arrives."
        ),
        DossierStatus.SUPPLEMENTED: _(
            "Your supplement has been received; the agency continues handling the dossier."
        ),
        DossierStatus.TRANSFERRED: _(
            "Your dossier has been passed to another agency, which continues handling it."
        ),
        DossierStatus.APPROVED: _(
            "The result is ready. Collect it as you chose when filing; bring your receipt "
            "and citizen ID if you collect it at the centre."
        ),
        DossierStatus.REFUSED: _(
            "Your dossier was refused; the reason is below. Contact the centre if you have questions."
        ),
        DossierStatus.RESULT_RETURNED: _("The result has been returned. Thank you."),
        DossierStatus.WITHDRAWN: _("This dossier was withdrawn."),
    }
    return str(texts.get(dossier.status, ""))


def public_status(dossier: Dossier) -> dict:
    """The JSON-ready public view of a dossier (same for the page and the API)."""
    events = list(dossier.events.order_by("created_at", "pk"))
    labels = dict(DossierStatus.choices)
    return {
        "code": dossier.code,
        "procedure": {"code": dossier.procedure_code, "name": dossier.procedure_name},
        "agency": dossier.agency.name,
        "applicant": mask_name(dossier.display_applicant),
        "phone": mask_phone(dossier.applicant_phone),
        "status": dossier.status,
        "status_label": str(labels.get(dossier.status, dossier.status)),
        "received_at": timezone.localtime(dossier.received_at).isoformat(),
        "appointment_date": dossier.appointment_date.isoformat(),
        "first_appointment_date": dossier.first_appointment_date.isoformat(),
        "resolved_at": timezone.localtime(dossier.resolved_at).isoformat()
        if dossier.resolved_at
        else None,
        "returned_at": timezone.localtime(dossier.returned_at).isoformat()
        if dossier.returned_at
        else None,
        "overdue": dossier.is_overdue(),
        "next_step": next_step_text(dossier),
        "timeline": [
            {
                "status": event.to_status,
                "status_label": str(labels.get(event.to_status, event.to_status)),
                "at": timezone.localtime(event.created_at).isoformat(),
                "note": event.note,
                "appointment_date": event.appointment_date.isoformat()
                if event.appointment_date
                else None,
            }
            for event in events
        ],
    }
