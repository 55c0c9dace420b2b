"""Questions in the admin: the listing and question pages, the permission
policy, the audit-log actions by name, and the dashboard panel that flags
overdue questions as the back office flags overdue dossiers."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from portal.backoffice import deadlines
from portal.backoffice.permissions import Role, can_access_backoffice, role_of

from .admin_views import question_viewset
from .models import Publication, Question, QuestionStatus
from .permissions import QuestionPermissionPolicy, visible_questions
from .workflow import STEPS

register_permission_policy(Question, QuestionPermissionPolicy(Question))


@hooks.register("register_admin_viewset")
def register_question_viewset():
    return question_viewset


@hooks.register("register_log_actions")
def register_question_log_actions(actions):
    """Each step appears by name in Wagtail's history and audit log."""
    for step in STEPS.values():
        actions.register_action(
            step.log_action,
            step.label,
            format_lazy("{}: {}", _("Question"), step.label),
        )
    actions.register_action(
        "questions.question.ask", _("Ask a question"), _("Question received")
    )
    actions.register_action(
        "questions.question.download",
        _("Download a question file"),
        _("Question file downloaded"),
    )


class DueQuestionsPanel(Component):
    """Dashboard panel: overdue questions, those due soon, and (for centre
    staff) those waiting for moderation or routing."""

    name = "due_questions"
    order = 55
    template_name = "questions/admin/due_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        mine = visible_questions(self.request.user).select_related("agency")
        days = deadlines.warning_days(self.request)
        horizon = deadlines.warning_horizon(days)
        overdue = mine.overdue().order_by("due_date", "pk")
        due = mine.due_within(horizon).order_by("due_date", "pk")
        centre = role_of(self.request.user) in (Role.CENTRE, Role.SUPERUSER)
        return {
            "overdue": overdue[:10],
            "overdue_count": overdue.count(),
            "due": due[:10],
            "due_count": due.count(),
            "days": days,
            "centre": centre,
            "to_moderate": mine.filter(
                status=QuestionStatus.ANSWERED, publication=Publication.PENDING
            ).count()
            if centre
            else 0,
            "returned": mine.filter(status=QuestionStatus.RETURNED).count()
            if centre
            else 0,
        }


@hooks.register("construct_homepage_panels")
def add_due_questions_panel(request, panels):
    if can_access_backoffice(request.user):
        panels.append(DueQuestionsPanel(request))
