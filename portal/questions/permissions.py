"""Who may see and act on which questions: the back office's roles
(portal.backoffice.permissions), applied to questions.

- an agency **official** sees only the questions routed to their agency;
- **centre staff** see every question, route them, answer the ones about the
  centre itself (no agency), and moderate (publish or keep private);
- a **superuser** may do everything; anyone else (editors) sees none.
"""

from __future__ import annotations

from django.db.models import QuerySet

from portal.backoffice.permissions import (
    DossierPermissionPolicy,
    Role,
    agency_id_of,
    role_of,
    visible_dossiers,
)

from .models import Question


def visible_questions(user, queryset: QuerySet | None = None) -> QuerySet:
    """The questions `user` may see: the dossiers' rule (everything for the
    centre, the own agency's for an official), applied to questions."""
    return visible_dossiers(
        user, Question.objects.all() if queryset is None else queryset
    )


def acting_role(user, question: Question) -> Role:
    """The role in which `user` acts on this question (NONE when they may not)."""
    role = role_of(user)
    if role is Role.OFFICIAL and (
        question.agency_id is None or question.agency_id != agency_id_of(user)
    ):
        return Role.NONE
    return role


def can_view(user, question: Question) -> bool:
    """May `user` open this question and download its files?"""
    return acting_role(user, question) is not Role.NONE


def owes_answer(role: Role, question: Question) -> bool:
    """Is `role` the side that answers: the agency's officials, or the centre's
    staff for a question with no agency (superusers stand in for either)."""
    if role is Role.SUPERUSER:
        return True
    if question.with_centre:
        return role is Role.CENTRE
    return role is Role.OFFICIAL


class QuestionPermissionPolicy(DossierPermissionPolicy):
    """Wagtail permission policy for the question listing: viewing only.

    The same people as for dossiers; questions change only through
    workflow.perform, never through generic admin forms.
    """

    def user_has_permission_for_instance(self, user, action, instance):
        return action in ("view", "inspect") and can_view(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not {"view", "inspect"} & set(actions):
            return Question.objects.none()
        return visible_questions(user)
