"""What can happen to a dossier: each action with the statuses it starts from,
the status it leads to and the roles that may take it (the table the status
machine in workflow.py applies, the dossier page offers and the tests walk).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.dossiers.models import Dossier, DossierStatus

from .permissions import Role, acting_role

S = DossierStatus
STAFF = frozenset({Role.OFFICIAL, Role.CENTRE, Role.SUPERUSER})
AGENCY = frozenset({Role.OFFICIAL, Role.SUPERUSER})
# The applicant acts only through the tracking page (supplement upload).
APPLICANT = "applicant"


class IllegalTransition(ValidationError):
    """The action is not possible from the dossier's current status."""


@dataclass(frozen=True)
class Action:
    """One thing that can happen to a dossier."""

    name: str
    label: Promise
    sources: frozenset[str]
    target: str | None  # None: the status does not change
    roles: frozenset[Role]
    applicant_may: bool = False
    note_required: bool = False
    style: str = field(default="", compare=False)

    @property
    def log_action(self) -> str:
        return f"backoffice.dossier.{self.name}"


OPEN_UNDECIDED = frozenset(
    {S.RECEIVED, S.IN_PROCESSING, S.SUPPLEMENT_REQUESTED, S.SUPPLEMENTED, S.TRANSFERRED}
)

ACTIONS: dict[str, Action] = {
    action.name: action
    for action in (
        Action(
            "start",
            _("Start processing"),
            frozenset({S.RECEIVED, S.TRANSFERRED}),
            S.IN_PROCESSING,
            AGENCY,
        ),
        Action(
            "request_supplement",
            _("Request a supplement"),
            frozenset({S.RECEIVED, S.IN_PROCESSING, S.SUPPLEMENTED}),
            S.SUPPLEMENT_REQUESTED,
            STAFF,
        ),
        Action(
            "record_supplement",
            _("Record the supplement"),
            frozenset({S.SUPPLEMENT_REQUESTED}),
            S.SUPPLEMENTED,
            STAFF,
            applicant_may=True,
        ),
        Action(
            "approve",
            _("Approve: result ready"),
            frozenset({S.IN_PROCESSING, S.SUPPLEMENTED}),
            S.APPROVED,
            AGENCY,
            style="primary",
        ),
        Action(
            "refuse",
            _("Refuse"),
            frozenset({S.RECEIVED, S.IN_PROCESSING, S.SUPPLEMENTED}),
            S.REFUSED,
            AGENCY,
            note_required=True,
            style="warning",
        ),
        Action(
            "return_result",
            _("Return the result"),
            frozenset({S.APPROVED, S.REFUSED}),
            S.RESULT_RETURNED,
            STAFF,
            style="primary",
        ),
        Action(
            "transfer",
            _("Transfer to another agency"),
            frozenset({S.RECEIVED, S.IN_PROCESSING, S.SUPPLEMENTED}),
            S.TRANSFERRED,
            STAFF,
            note_required=True,
        ),
        Action(
            "withdraw",
            _("Record withdrawal by the applicant"),
            OPEN_UNDECIDED,
            S.WITHDRAWN,
            STAFF,
            note_required=True,
            style="warning",
        ),
        Action(
            "apologise",
            _("Apologise and set a new appointment date"),
            frozenset({S.RECEIVED, S.IN_PROCESSING, S.SUPPLEMENTED, S.TRANSFERRED}),
            None,
            AGENCY,
            note_required=True,
        ),
    )
}

# Every (from, to) status pair the machine allows; the tests walk this table.
TRANSITIONS: frozenset[tuple[str, str]] = frozenset(
    (source, action.target)
    for action in ACTIONS.values()
    if action.target
    for source in action.sources
)


def get_action(name: str) -> Action:
    try:
        return ACTIONS[name]
    except KeyError:
        raise IllegalTransition(_("Unknown action."), code="unknown") from None


def is_possible(dossier: Dossier, action: Action, today: date | None = None) -> bool:
    """Is `action` possible from the dossier's current status (whoever asks)?"""
    if dossier.status not in action.sources:
        return False
    if action.name == "apologise":
        today = today or timezone.localdate()
        return dossier.appointment_date <= today
    return True


def may_perform(user, dossier: Dossier, action: Action) -> bool:
    """Does the user's role allow `action` on this dossier?"""
    return acting_role(user, dossier) in action.roles


def allowed_actions(user, dossier: Dossier) -> list[Action]:
    """The actions `user` may take on `dossier` now (what the dossier page offers)."""
    return [
        action
        for action in ACTIONS.values()
        if is_possible(dossier, action) and may_perform(user, dossier, action)
    ]
