"""The dossier status machine: the only code that changes a dossier's status.

```
received ──start──▶ in_processing ──approve──▶ approved ──return──▶ result_returned
   │                 │  ▲                         ▲
   │                 │  └──────────┐              │
   │      request_supplement       │           refuse ──▶ refused ──return──▶ result_returned
   ▼                 ▼             │
supplement_requested ──record_supplement──▶ supplemented (approve / refuse / request again)
received / in_processing / supplemented ──transfer──▶ transferred ──start──▶ in_processing
any open, undecided status ──withdraw──▶ withdrawn
apologise: no status change; moves the appointment date (overdue dossiers)
```

`perform()` locks the dossier row, checks the current status against the
action's sources and the user's role against the action's roles, applies the
change, records a `StatusEvent` and an entry in Wagtail's audit log, and emails
the applicant after the transaction commits. Admin views and services all call
it; an action not allowed from the current status raises `IllegalTransition`,
one the user may not take raises `PermissionDenied`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from cms_pages.snippets import Agency
from portal.dossiers.calendar import WorkingCalendar, load_calendar
from portal.dossiers.emails import notify_status_change
from portal.dossiers.files import removed_on_failure
from portal.dossiers.models import (
    Dossier,
    DossierStatus,
    StatusEvent,
)
from portal.dossiers.results import (
    RESULT_ACTIONS,
    needs_signed_result,
    store_result_files,
)
from portal.dossiers.validators import CheckedFile

from .actions import (
    ACTIONS,
    TRANSITIONS,
    Action,
    IllegalTransition,
    allowed_actions,
    get_action,
    is_possible,
    may_perform,
)
from .models import ApologyLetter, Outcome, SupplementItem, SupplementRequest

logger = logging.getLogger(__name__)
S = DossierStatus

# Re-exported: callers import the action table from here too.
__all__ = [
    "ACTIONS",
    "TRANSITIONS",
    "Action",
    "IllegalTransition",
    "Missing",
    "allowed_actions",
    "legal_due_date",
    "may_perform",
    "perform",
    "suggested_new_date",
]


@dataclass
class Missing:
    """One missing document in a supplement request."""

    name: str
    procedure_document_id: int | None = None
    note: str = ""


def perform(
    dossier: Dossier,
    action_name: str,
    user=None,
    *,
    note: str = "",
    internal_note: str = "",
    to_agency: Agency | None = None,
    missing: Sequence[Missing] = (),
    new_date: date | None = None,
    by_applicant: bool = False,
    now: datetime | None = None,
    calendar: WorkingCalendar | None = None,
    notify: bool = True,
    results: Sequence[tuple[UploadedFile, CheckedFile]] = (),
) -> StatusEvent:
    """Apply one action to a dossier; return the recorded event.

    `user` is the official acting; `by_applicant=True` (no user) is the
    applicant supplementing from the tracking page. `results` are the signed
    result files (checked uploads) a decision or a returned result comes
    with; a dossier whose result is delivered online needs one.
    """
    action = get_action(action_name)
    now = now or timezone.now()
    note = (note or "").strip()
    internal_note = (internal_note or "").strip()
    actor = None if by_applicant else user
    # Result files are written inside the transaction; removed if it fails.
    with removed_on_failure() as written, transaction.atomic():
        # Lock the row: two officials clicking at once cannot both move it.
        locked = (
            Dossier.objects.select_for_update()
            .select_related("agency")
            .get(pk=dossier.pk)
        )
        _check_allowed(locked, action, user, by_applicant, now=now, note=note)
        if not results and needs_signed_result(locked, action.name):
            raise ValidationError(
                {
                    "result_files": _(
                        "The applicant receives the result online: attach the "
                        "signed result file."
                    )
                },
                code="required",
            )
        event = StatusEvent(
            dossier=locked,
            from_status=locked.status,
            to_status=action.target or locked.status,
            actor=actor,
            note=note,
            internal_note=internal_note,
            created_at=now,
        )
        context = {"now": now, "calendar": calendar, "user": user}
        extra = {"to_agency": to_agency, "missing": missing, "new_date": new_date}
        _apply(locked, action, event, **context, **extra)
        if results and action.name in RESULT_ACTIONS:
            store_result_files(locked, results, written)
        _log(locked, action, event, user=actor, to_agency=to_agency)
        if notify:
            # Queued in this transaction: the worker sends it once it commits.
            notify_status_change(locked, event)
    # The caller's object reflects the new state.
    for name in ("status", "appointment_date", "resolved_at", "returned_at"):
        setattr(dossier, name, getattr(locked, name))
    # Assigning the agency object sets agency_id too (select_related above).
    dossier.agency = locked.agency
    return event


def _apply(dossier: Dossier, action: Action, event: StatusEvent, **context) -> None:
    """Run the action's handler, save the dossier and the event, then what the
    handler records about the event (supplement request, outcome, letter)."""
    after_event = _HANDLERS.get(action.name, _status_only)(dossier, event, **context)
    if action.target:
        dossier.status = action.target
    event.appointment_date = dossier.appointment_date
    dossier.save()
    event.save()
    if after_event is not None:
        after_event(event)


def _status_only(dossier, event, **kwargs) -> None:
    """Actions that only change the status (start, withdraw) do nothing more."""


def _check_allowed(
    dossier: Dossier,
    action: Action,
    user,
    by_applicant: bool,
    *,
    now: datetime,
    note: str,
) -> None:
    """Raise unless this user (or the applicant) may take `action` now."""
    if by_applicant:
        if not action.applicant_may:
            raise PermissionDenied("The applicant cannot take this action.")
    elif not may_perform(user, dossier, action):
        raise PermissionDenied("This user may not take this action on this dossier.")
    if not is_possible(dossier, action, today=timezone.localdate(now)):
        raise IllegalTransition(
            _("This action is not possible while the dossier is “%(status)s”.")
            % {"status": dossier.get_status_display()},
            code="illegal",
        )
    if action.note_required and not note:
        raise ValidationError(
            {"note": _("Give a reason: the applicant will read it.")},
            code="required",
        )


def _log(
    dossier: Dossier, action: Action, event: StatusEvent, *, user, to_agency
) -> None:
    """The entry in Wagtail's history and audit log (labels: wagtail_hooks.py)."""
    log(
        dossier,
        action.log_action,
        user=user,
        data={
            "from": event.from_status,
            "to": event.to_status,
            "note": event.note,
            "event": event.pk,
            **({"to_agency": to_agency.pk} if to_agency else {}),
        },
    )


def _request_supplement(dossier, event, *, missing, user, now, **kwargs):
    items = [item for item in missing if item.name.strip()]
    if not items:
        raise ValidationError(
            {"missing": _("List at least one missing document.")}, code="required"
        )

    def save(event):
        request = SupplementRequest.objects.create(
            dossier=dossier,
            event=event,
            requested_by=user,
            message=event.note,
            created_at=now,
        )
        SupplementItem.objects.bulk_create(
            SupplementItem(
                request=request,
                procedure_document_id=item.procedure_document_id,
                document_name=item.name.strip(),
                note=item.note.strip(),
            )
            for item in items
        )

    return save


def _record_supplement(dossier, event, *, now, calendar, **kwargs):
    # The processing time restarts from the day the complete dossier arrives.
    calendar = calendar or load_calendar()
    _first, due = calendar.appointment(now, dossier.processing_days)
    dossier.appointment_date = due
    SupplementRequest.objects.filter(dossier=dossier, fulfilled_at__isnull=True).update(
        fulfilled_at=now
    )


def _decide(dossier, event, *, now, calendar, **kwargs):
    calendar = calendar or load_calendar()
    dossier.resolved_at = now
    due = legal_due_date(dossier)
    decided_on = timezone.localdate(now)
    receipt_day = calendar.receipt_day(dossier.received_at)
    working_days = calendar.working_days_between(receipt_day, decided_on)

    def save(event):
        # portal.transparency drops its cached figures when an Outcome is saved.
        Outcome.objects.update_or_create(
            dossier=dossier,
            defaults={
                "decided_at": now,
                "due_date": due,
                "on_time": decided_on <= due,
                "working_days": working_days,
            },
        )

    return save


def _return_result(dossier, event, *, now, **kwargs):
    dossier.returned_at = now


def _transfer(dossier, event, *, to_agency, **kwargs):
    if to_agency is None:
        raise ValidationError({"to_agency": _("Choose the agency.")}, code="required")
    to_agency = to_agency.get_translation_or_none(dossier.agency.locale) or to_agency
    if to_agency.pk == dossier.agency_id:
        raise ValidationError(
            {"to_agency": _("The dossier is already with this agency.")},
            code="same_agency",
        )
    event.from_agency_id = dossier.agency_id
    event.to_agency = to_agency
    dossier.agency = to_agency


def _apologise(dossier, event, *, new_date, user, now, calendar, **kwargs):
    calendar = calendar or load_calendar()
    today = timezone.localdate(now)
    if new_date is None or new_date <= today:
        raise ValidationError(
            {
                "new_date": ValidationError(
                    _("The new appointment date must be after today."),
                    code="not_future",
                )
            },
        )
    if not calendar.is_working_day(new_date):
        raise ValidationError(
            {
                "new_date": ValidationError(
                    _("The new appointment date must be a working day."),
                    code="not_working_day",
                )
            },
        )
    previous = dossier.appointment_date
    dossier.appointment_date = new_date

    def save(event):
        ApologyLetter.objects.create(
            dossier=dossier,
            event=event,
            previous_date=previous,
            new_date=new_date,
            reason=event.note,
            created_by=user,
            created_at=now,
        )

    return save


_HANDLERS = {
    "request_supplement": _request_supplement,
    "record_supplement": _record_supplement,
    "approve": _decide,
    "refuse": _decide,
    "return_result": _return_result,
    "transfer": _transfer,
    "apologise": _apologise,
}


def legal_due_date(dossier: Dossier) -> date:
    """The appointment date that on-time is judged against.

    The date set at receipt, or reset when a requested supplement arrived;
    dates moved by apology letters do not count.
    """
    latest = (
        StatusEvent.objects.filter(
            dossier=dossier,
            to_status__in=(S.RECEIVED, S.SUPPLEMENTED),
            appointment_date__isnull=False,
        )
        # Apologies record an event without a status change: not a reset.
        .exclude(from_status=F("to_status"))
        .order_by("-created_at", "-pk")
        .values_list("appointment_date", flat=True)
        .first()
    )
    return latest or dossier.first_appointment_date


def suggested_new_date(dossier: Dossier, extra_days: int = 3, calendar=None) -> date:
    """A proposal for the apology letter: `extra_days` working days after today."""
    calendar = calendar or load_calendar()
    return calendar.add_working_days(timezone.localdate(), extra_days)
