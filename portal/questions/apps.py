from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    """Public questions and reports (hỏi đáp, phản ánh kiến nghị): asked by
    citizens, answered by the responsible agency on a deadline, moderated and
    published by the centre."""

    name = "portal.questions"
    label = "questions"
    verbose_name = _("Questions and answers")
    default_auto_field = "django.db.models.BigAutoField"
