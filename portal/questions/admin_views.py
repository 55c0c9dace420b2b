"""Questions in the Wagtail admin: the listing (scoped to what the user may
see), the question page (asker, question, answer, history, allowed steps),
one form per step (calling workflow.perform) and file downloads (checked and
written to the audit log)."""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from portal.backoffice import deadlines
from portal.backoffice.admin_views import default_locale_agencies
from portal.backoffice.step_views import RecordInspectView, WorkflowStepView
from portal.security.exports import SafeExportIndexView

from . import uploads
from .admin_forms import StepForm
from .models import Publication, Question, QuestionKind, QuestionStatus
from .permissions import QuestionPermissionPolicy, can_view, visible_questions
from .views.asking import stream
from .workflow import (
    IllegalStep,
    allowed_steps,
    get_step,
    is_possible,
    may_take,
    perform,
)


class QuestionFilterSet(WagtailFilterSet):
    """Status, publication, kind, agency, overdue."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=QuestionStatus.choices
    )
    publication = django_filters.ChoiceFilter(
        label=_("Publication"), choices=Publication.choices
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=QuestionKind.choices)
    agency = django_filters.ModelChoiceFilter(
        label=_("Agency"), queryset=lambda request: default_locale_agencies()
    )
    deadline = django_filters.ChoiceFilter(
        label=_("Due date"),
        method="filter_deadline",
        choices=[
            ("overdue", _("Overdue")),
            ("due", _("Due soon")),
            ("open", _("Waiting for an answer")),
        ],
    )

    class Meta:
        model = Question
        fields = []

    def filter_deadline(self, queryset, name, value):
        if value == "overdue":
            return queryset.overdue()
        if value == "due":
            days = deadlines.warning_days(self.request)
            return queryset.due_within(deadlines.warning_horizon(days))
        return queryset.open()


class StatusColumn(Column):
    """The status, with "overdue" when the due date has passed."""

    def get_value(self, instance):
        label = instance.get_status_display()
        if instance.is_overdue():
            return f"{label} · {_('overdue')}"
        return label


class QuestionIndexView(SafeExportIndexView):
    """The listing: only the questions this user may see. Its CSV/XLSX
    export has no contact details, and no cell can start a formula (the
    subject is the asker's own text)."""

    def get_base_queryset(self):
        return visible_questions(
            self.request.user, Question.objects.select_related("agency")
        )

    def search_queryset(self, queryset):
        if not self.search_query:
            return queryset
        query = self.search_query.strip()
        return queryset.filter(
            Q(reference__icontains=query)
            | Q(subject__icontains=query)
            | Q(asker_name__icontains=query)
            | Q(asker_email__icontains=query)
            | Q(asker_phone__icontains=query)
        )


def _question_for(request, pk) -> Question:
    question = get_object_or_404(
        Question.objects.select_related(
            "agency", "procedure", "sector", "assigned_to", "duplicate_of"
        ),
        pk=pk,
    )
    if not can_view(request.user, question):
        raise PermissionDenied
    return question


class QuestionDetailView(RecordInspectView):
    """Everything an official needs to answer, and the steps they may take."""

    template_name = "questions/admin/question_detail.html"

    def get_object(self, queryset=None):
        return _question_for(self.request, self.pk)

    def get_page_title(self):
        return _("Question %(reference)s") % {"reference": self.object.reference}

    def get_page_subtitle(self):
        return self.object.subject

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        question = self.object
        context.update(
            question=question,
            files=list(question.files.all()),
            steps=allowed_steps(self.request.user, question),
            history=ModelLogEntry.objects.for_instance(question)
            .select_related("user")
            .order_by("timestamp", "pk"),
            is_overdue=question.is_overdue(),
        )
        return context


class QuestionStepView(WorkflowStepView):
    """The form of one step; posting it takes the step."""

    template_name = "questions/admin/question_step.html"
    form_class = StepForm
    header_icon = "help"
    record_name, step_name, step_url_kwarg = "question", "step", "step_name"
    index_url_name = "questions_admin:index"
    index_label = _("Questions")
    detail_url_name = "questions_admin:inspect"
    not_possible_message = _(
        "This action is not possible while the question is “%(status)s”."
    )
    illegal = IllegalStep

    @property
    def question(self) -> Question:
        return self.record

    def get_record(self, request, pk) -> Question:
        return _question_for(request, pk)

    def get_step(self, name: str):
        return get_step(name)

    def may_take(self) -> bool:
        return may_take(self.request.user, self.question, self.step)

    def is_possible(self) -> bool:
        return is_possible(self.question, self.step)

    def record_label(self) -> str:
        return self.question.reference

    def perform(self, form) -> None:
        fields = form.step_fields()
        if form.checked is not None:
            fields["upload"] = uploads.save_upload(
                form.cleaned_data["answer_file"], form.checked
            )
        perform(self.question, self.step.name, self.request.user, **fields)

    def done_message(self) -> str:
        return _("%(step)s: done for question %(reference)s.") % {
            "step": self.step.label,
            "reference": self.question.reference,
        }

    def still_visible(self) -> bool:
        return can_view(self.request.user, self.question)


def download_file(request, pk, file_pk):
    """One file of a question, to someone who may see it; written to the log."""
    question = _question_for(request, pk)
    stored = get_object_or_404(question.files, pk=file_pk)
    log(
        question,
        "questions.question.download",
        user=request.user,
        data={"file": stored.pk, "name": stored.original_name},
    )
    return stream(stored)


class QuestionViewSet(ModelViewSet):
    """Questions in the admin: listing and question page; changes only via steps."""

    model = Question
    icon = "help"
    menu_label = _("Questions")
    menu_order = 160
    add_to_admin_menu = True
    name = "questions_admin"
    url_prefix = "hoi-dap"
    index_view_class = QuestionIndexView
    inspect_view_class = QuestionDetailView
    inspect_view_enabled = True
    filterset_class = QuestionFilterSet
    search_fields = ["reference"]  # see QuestionIndexView.search_queryset
    search_backend_name = None
    list_per_page = 50
    ordering = ["-received_at"]
    list_export = [
        "reference",
        "kind",
        "topic",
        "procedure_code",
        "subject",
        "agency",
        "language",
        "status",
        "publication",
        "received_at",
        "due_date",
        "answered_at",
        "answer_working_days",
        "answered_on_time",
    ]
    export_filename = "cau-hoi"
    list_display = [
        TitleColumn(
            "reference",
            label=_("Reference"),
            url_name="questions_admin:inspect",
            sort_key="reference",
        ),
        Column("subject", label=_("Subject")),
        Column("agency", label=_("Agency")),
        StatusColumn("status", label=_("Status"), sort_key="status"),
        Column("get_publication_display", label=_("Publication")),
        DateColumn("received_at", label=_("Received"), sort_key="received_at"),
        DateColumn("due_date", label=_("Answer due"), sort_key="due_date"),
    ]

    @cached_property
    def permission_policy(self):
        return QuestionPermissionPolicy(self.model)

    def get_urlpatterns(self):
        # No add/edit/delete views: questions change only through steps.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path(
                "<int:pk>/thao-tac/<slug:step_name>/",
                QuestionStepView.as_view(),
                name="step",
            ),
            path("<int:pk>/tep/<int:file_pk>/", download_file, name="file"),
        ]


question_viewset = QuestionViewSet()
