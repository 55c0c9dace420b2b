"""What officials and centre staff do with a question: the only code that
changes its status or its publication.

```
received ──assign──▶ assigned ──answer──▶ answered ──moderate──▶ published / kept private
   │  ▲                 │                    ▲
   │  └─────route───────┤ (centre staff)     │
   ├──return_to_centre──┴──▶ returned ──route──▶ received (another agency, or the centre)
   ├──mark_duplicate (of a published answer)──▶ duplicate
   └──close (spam, abuse; centre staff)──▶ closed
```

`perform()` locks the row, checks the step's sources and the user's role,
applies the change, writes Wagtail's audit log (`questions.question.<step>`),
queues the asker's e-mail after an answer, and when what the public sees
changes, re-indexes the procedure and purges the front cache (publishing.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from portal.backoffice.permissions import Role
from portal.dossiers.calendar import WorkingCalendar, load_calendar
from portal.dossiers.services import default_locale_row

from . import publishing
from .emails import send_answered_email
from .models import (
    OPEN_STATUSES,
    FileSource,
    Publication,
    Question,
    QuestionFile,
    QuestionStatus,
)
from .permissions import acting_role, owes_answer
from .text import plain_text

S = QuestionStatus
CENTRE_SIDE = frozenset({Role.CENTRE, Role.SUPERUSER})


class IllegalStep(ValidationError):
    """The step is not possible from the question's current status."""


@dataclass(frozen=True)
class Step:
    """One thing that can happen to a question."""

    name: str
    label: Promise
    sources: frozenset[str]
    # Who may take it: a fixed set of roles, or "the side that owes the answer".
    roles: frozenset[Role] | None = None
    answering_side: bool = False
    note_required: bool = False
    style: str = field(default="", compare=False)

    @property
    def log_action(self) -> str:
        return f"questions.question.{self.name}"

    def allowed_role(self, role: Role, question: Question) -> bool:
        if self.answering_side and owes_answer(role, question):
            return True
        return self.roles is not None and role in self.roles


OPEN = frozenset(OPEN_STATUSES)
STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        Step(
            "assign",
            _("Assign to an official"),
            frozenset({S.RECEIVED, S.ASSIGNED}),
            answering_side=True,
        ),
        Step(
            "answer",
            _("Answer"),
            frozenset({S.RECEIVED, S.ASSIGNED}),
            answering_side=True,
            style="primary",
        ),
        Step(
            "return_to_centre",
            _("Send back to the centre (not ours)"),
            frozenset({S.RECEIVED, S.ASSIGNED}),
            roles=frozenset({Role.OFFICIAL, Role.SUPERUSER}),
            note_required=True,
        ),
        Step("route", _("Route to an agency"), OPEN, roles=CENTRE_SIDE),
        Step(
            "mark_duplicate",
            _("Mark as a duplicate of a published question"),
            OPEN,
            roles=CENTRE_SIDE,
            answering_side=True,
        ),
        Step(
            "close",
            _("Close without an answer"),
            OPEN,
            roles=CENTRE_SIDE,
            note_required=True,
            style="warning",
        ),
        Step(
            "moderate",
            _("Moderate and publish"),
            frozenset({S.ANSWERED}),
            roles=CENTRE_SIDE,
            style="primary",
        ),
    )
}


def get_step(name: str) -> Step:
    try:
        return STEPS[name]
    except KeyError:
        raise IllegalStep(_("Unknown action."), code="unknown") from None


def is_possible(question: Question, step: Step) -> bool:
    """Possible from the current status (whoever asks)?"""
    if question.status not in step.sources:
        return False
    if step.name == "return_to_centre":
        return not question.with_centre
    return True


def may_take(user, question: Question, step: Step) -> bool:
    return step.allowed_role(acting_role(user, question), question)


def allowed_steps(user, question: Question) -> list[Step]:
    """What the question page offers `user` now."""
    return [
        step
        for step in STEPS.values()
        if is_possible(question, step) and may_take(user, question, step)
    ]


def perform(
    question: Question,
    step_name: str,
    user,
    *,
    now: datetime | None = None,
    calendar: WorkingCalendar | None = None,
    **fields,
) -> Question:
    """Take one step; returns the question as it now is.

    Raises IllegalStep (wrong status), PermissionDenied (wrong role) or
    ValidationError (bad input, keyed by form field).
    """
    step = get_step(step_name)
    now = now or timezone.now()
    note = (fields.pop("note", "") or "").strip()
    with transaction.atomic():
        locked = Question.objects.select_for_update().get(pk=question.pk)
        was_public, public_text = locked.is_public, _public_text(locked)
        _check(locked, step, user, note)
        data = _HANDLERS[step.name](
            locked, user=user, now=now, calendar=calendar, **fields
        )
        locked.save()
        log(locked, step.log_action, user=user, data={"note": note, **(data or {})})
        if step.name in ("answer", "mark_duplicate"):
            send_answered_email(locked)
        if was_public != locked.is_public or (
            locked.is_public and public_text != _public_text(locked)
        ):
            publishing.public_content_changed(locked)
    return locked


def _check(question: Question, step: Step, user, note: str) -> None:
    if not may_take(user, question, step):
        raise PermissionDenied("This user may not take this step on this question.")
    if not is_possible(question, step):
        raise IllegalStep(
            _("This action is not possible while the question is “%(status)s”.")
            % {"status": question.get_status_display()},
            code="illegal",
        )
    if step.note_required and not note:
        raise ValidationError({"note": _("Give a reason.")}, code="required")


def _public_text(question: Question) -> tuple[str, str, str]:
    return question.public_subject, question.public_body, question.answer


def assignable_users(question: Question):
    """Who may be assigned: the agency's officials, or centre staff for the centre."""
    users = get_user_model().objects.filter(is_active=True)
    if question.with_centre:
        return users.filter(groups__permissions__codename="handle_all_dossiers")
    return users.filter(official_profile__agency_id=question.agency_id)


def _assign(question: Question, *, official=None, **kwargs) -> dict:
    if official is None or not assignable_users(question).filter(pk=official.pk):
        raise ValidationError(
            {"official": _("Choose an official of the responsible agency.")}
        )
    question.assigned_to = official
    question.status = S.ASSIGNED
    return {"assigned_to": official.pk}


def _record_answer(question: Question, user, now: datetime, calendar) -> None:
    """When and how fast the asker got an answer (for the figures)."""
    calendar = calendar or load_calendar()
    answered_on = timezone.localdate(now)
    question.answered_at = now
    question.answered_by = user
    question.answer_working_days = calendar.working_days_between(
        calendar.receipt_day(question.received_at), answered_on
    )
    question.answered_on_time = answered_on <= question.due_date


def _answer(
    question: Question, *, user, now, calendar, answer="", upload=None, **kwargs
) -> dict:
    if not plain_text(answer):
        raise ValidationError({"answer": _("Write the answer.")}, code="required")
    question.answer = answer
    question.status = S.ANSWERED
    question.publication = Publication.PENDING
    _record_answer(question, user, now, calendar)
    if upload is not None:
        QuestionFile.objects.create(
            question=question, source=FileSource.ANSWER, **upload.file_fields()
        )
    return {"file": upload.original_name if upload else ""}


def _return_to_centre(question: Question, **kwargs) -> dict:
    previous = question.agency_id
    question.agency = None
    question.assigned_to = None
    question.reminded_for = None
    question.status = S.RETURNED
    return {"from_agency": previous}


def _route(question: Question, *, agency=None, **kwargs) -> dict:
    question.agency = default_locale_row(agency) if agency is not None else None
    question.assigned_to = None
    question.reminded_for = None  # the new agency gets its own reminder
    question.status = S.RECEIVED
    return {"to_agency": question.agency_id}


def _mark_duplicate(
    question: Question, *, user, now, calendar, duplicate_of=None, **kwargs
) -> dict:
    if (
        duplicate_of is None
        or duplicate_of.pk == question.pk
        or not (Question.objects.public().filter(pk=duplicate_of.pk).exists())
    ):
        raise ValidationError(
            {"duplicate_of": _("Choose a published question with its answer.")}
        )
    question.duplicate_of = duplicate_of
    question.status = S.DUPLICATE
    question.publication = Publication.PRIVATE
    _record_answer(question, user, now, calendar)
    return {"duplicate_of": duplicate_of.pk}


def _close(question: Question, **kwargs) -> dict:
    question.status = S.CLOSED
    return {}


def _moderate(
    question: Question,
    *,
    now,
    public_subject="",
    public_body="",
    answer=None,
    publish=False,
    **kwargs,
) -> dict:
    """The centre's edit of what the public reads, and its decision."""
    errors = {}
    if publish and not question.allow_publication:
        errors["publish"] = _("The asker did not allow publication.")
    if publish and not (public_subject.strip() and public_body.strip()):
        errors["public_body"] = _("Give the subject and the question to publish.")
    if answer is not None and not plain_text(answer):
        errors["answer"] = _("Write the answer.")
    if errors:
        raise ValidationError(errors)
    changed = [
        name
        for name, value in (
            ("public_subject", public_subject.strip()),
            ("public_body", public_body.strip()),
            ("answer", answer if answer is not None else question.answer),
        )
        if getattr(question, name) != value
    ]
    question.public_subject = public_subject.strip()
    question.public_body = public_body.strip()
    if answer is not None:
        question.answer = answer
    if publish:
        question.published_at = question.published_at or now
        question.publication = Publication.PUBLISHED
    else:
        question.published_at = None
        question.publication = Publication.PRIVATE
    return {"publication": question.publication, "edited": changed}


_HANDLERS: dict[str, Callable[..., dict]] = {
    "assign": _assign,
    "answer": _answer,
    "return_to_centre": _return_to_centre,
    "route": _route,
    "mark_duplicate": _mark_duplicate,
    "close": _close,
    "moderate": _moderate,
}
