"""The review step of the editorial workflow."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState

from .review import change_authors


class SecondPersonApprovalTask(AbstractGroupApprovalTask):
    """Members of the chosen groups approve or send back a change, but never a
    change they wrote or submitted themselves, superusers included: a second
    person always reads what goes live."""

    def is_author(self, obj, user) -> bool:
        """Did `user` write or submit the change of `obj` under review?"""
        state = getattr(obj, "current_workflow_state", None)
        return user.pk in change_authors(obj, state)

    def get_actions(self, obj, user):
        if self.is_author(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return (
            super()
            .get_task_states_user_can_moderate(user, **kwargs)
            .exclude(workflow_state__requested_by=user)
            .exclude(revision__user=user)
        )

    def on_action(self, task_state: TaskState, user, action_name: str, **kwargs):
        # The views only offer get_actions(); this also holds for any other caller.
        obj = task_state.workflow_state.content_object
        if user.pk in change_authors(obj, task_state.workflow_state):
            raise PermissionDenied(
                _("Someone other than the author must review this change.")
            )
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve, but never a change they "
            "wrote or submitted themselves."
        )

    class Meta:
        verbose_name = _("second-person approval")
        verbose_name_plural = _("second-person approvals")
