"""The officials' dossier screens in the Wagtail admin.

- the listing (a ModelViewSet index) with filters and search, scoped to the
  dossiers the user may see;
- the dossier page (applicant, documents, timeline, allowed actions);
- one form per workflow action, which calls `workflow.perform`;
- document downloads, permission-checked and written to the audit log;
- the printable apology letter.

(Over 400 lines: one viewset and its views, which share the permission checks.)
"""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.models import Locale

from cms_pages.snippets import Agency, Sector
from portal.dossiers.calendar import load_calendar
from portal.dossiers.files import readable_name
from portal.dossiers.models import Dossier, DossierStatus
from portal.http import private_file

from . import deadlines
from .answers_export import answers_export, filled_form_context
from .columns import AbsoluteDateColumn, DueDateColumn, StatusColumn
from .forms import ActionForm
from .models import ApologyLetter
from .permissions import DossierPermissionPolicy, can_view, visible_dossiers
from .step_views import RecordInspectView, WorkflowStepView
from .workflow import (
    IllegalTransition,
    allowed_actions,
    get_action,
    is_possible,
    may_perform,
    perform,
    suggested_new_date,
)


def default_locale_agencies():
    return Agency.objects.filter(locale=Locale.get_default())


def default_locale_sectors():
    return Sector.objects.filter(locale=Locale.get_default())


def procedure_choices():
    return list(
        Dossier.objects.order_by("procedure_code")
        .values_list("procedure_code", "procedure_name")
        .distinct()
    )


class DossierFilterSet(WagtailFilterSet):
    """Status, agency, sector, procedure, received date, overdue, due soon."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=DossierStatus.choices
    )
    agency = django_filters.ModelChoiceFilter(
        label=_("Agency"), queryset=lambda request: default_locale_agencies()
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), queryset=lambda request: default_locale_sectors()
    )
    procedure_code = django_filters.ChoiceFilter(
        label=_("Procedure"), choices=procedure_choices
    )
    received = django_filters.DateFromToRangeFilter(
        label=_("Received date"),
        field_name="received_at",
        widget=DateRangePickerWidget,
    )
    deadline = django_filters.ChoiceFilter(
        label=_("Due date"),
        method="filter_deadline",
        choices=[
            ("overdue", _("Overdue")),
            ("due_1", _("Due within 1 working day")),
            ("due_3", _("Due within 3 working days")),
            ("due_5", _("Due within 5 working days")),
            ("due_10", _("Due within 10 working days")),
        ],
    )

    class Meta:
        model = Dossier
        fields = []

    def filter_deadline(self, queryset, name, value):
        if value == "overdue":
            return deadlines.overdue(queryset)
        if value.startswith("due_"):
            return deadlines.due_soon(int(value.removeprefix("due_")), queryset)
        return queryset


class DossierIndexView(IndexView):
    """The listing: only the dossiers this user may see."""

    def get_base_queryset(self):
        return visible_dossiers(
            self.request.user,
            Dossier.objects.select_related("agency", "sector"),
        )

    def get_context_data(self, **kwargs):
        # One working-day calendar for every row's "days left" (DueDateColumn).
        return super().get_context_data(working_calendar=load_calendar(), **kwargs)

    def search_queryset(self, queryset):
        # Plain ORM search on code, names, phone and ID number.
        if not self.search_query:
            return queryset
        query = self.search_query.strip()
        return queryset.filter(
            Q(code__icontains=query)
            | Q(applicant_name__icontains=query)
            | Q(organisation_name__icontains=query)
            | Q(applicant_phone__icontains=query)
            | Q(applicant_id_number__icontains=query)
        )


class DossierDetailView(RecordInspectView):
    """The dossier page: everything an official needs to decide."""

    template_name = "backoffice/admin/dossier_detail.html"

    def get_object(self, queryset=None):
        dossier = get_object_or_404(
            Dossier.objects.select_related("agency", "sector", "procedure"),
            pk=self.pk,
        )
        if not can_view(self.request.user, dossier):
            raise PermissionDenied
        return dossier

    def get_page_title(self):
        return _("Dossier %(code)s") % {"code": self.object.code}

    def get_page_subtitle(self):
        return self.object.procedure_name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dossier = self.object
        user = self.request.user
        context.update(
            dossier=dossier,
            documents=dossier.documents.all(),
            events=dossier.events.select_related(
                "actor", "from_agency", "to_agency"
            ).order_by("created_at", "pk"),
            supplement_requests=dossier.supplement_requests.prefetch_related(
                "items__document"
            ),
            apology_letters=dossier.apology_letters.all(),
            actions=allowed_actions(user, dossier),
            is_overdue=deadlines.overdue(
                Dossier.objects.filter(pk=dossier.pk)
            ).exists(),
            rating=getattr(dossier, "rating", None)
            if hasattr(dossier, "rating")
            else None,
            outcome=getattr(dossier, "outcome", None)
            if hasattr(dossier, "outcome")
            else None,
            **filled_form_context(dossier),
        )
        return context


class DossierActionView(WorkflowStepView):
    """The form for one workflow action; posting it performs the action."""

    template_name = "backoffice/admin/dossier_action.html"
    form_class = ActionForm
    header_icon = "folder-open-inverse"
    record_name, step_name, step_url_kwarg = "dossier", "action", "action_name"
    index_url_name = "backoffice_dossiers:index"
    index_label = _("Dossiers")
    detail_url_name = "backoffice_dossiers:inspect"
    not_possible_message = _(
        "This action is not possible while the dossier is “%(status)s”."
    )
    illegal = IllegalTransition

    @property
    def dossier(self) -> Dossier:
        return self.record

    @property
    def action(self):
        return self.step

    def get_record(self, request, pk) -> Dossier:
        dossier = get_object_or_404(
            Dossier.objects.select_related("agency", "procedure"), pk=pk
        )
        if not can_view(request.user, dossier):
            raise PermissionDenied
        return dossier

    def get_step(self, name: str):
        return get_action(name)

    def may_take(self) -> bool:
        return may_perform(self.request.user, self.dossier, self.action)

    def is_possible(self) -> bool:
        return is_possible(self.dossier, self.action)

    def record_label(self) -> str:
        return self.dossier.code

    def get_initial(self):
        if self.action.name == "apologise":
            return {"new_date": suggested_new_date(self.dossier)}
        return {}

    def perform(self, form) -> None:
        data = form.cleaned_data
        perform(
            self.dossier,
            self.action.name,
            self.request.user,
            note=data.get("note", ""),
            internal_note=data.get("internal_note", ""),
            to_agency=data.get("to_agency"),
            missing=form.missing() if "documents" in form.fields else (),
            new_date=data.get("new_date"),
            results=form.result_uploads(),
        )

    def done_message(self) -> str:
        return _("%(action)s: done for dossier %(code)s.") % {
            "action": self.action.label,
            "code": self.dossier.code,
        }

    def still_visible(self) -> bool:
        return can_view(self.request.user, self.dossier)


def download_document(request, pk, document_pk):
    """Stream one dossier file to an official who may see the dossier; log it."""
    dossier = get_object_or_404(Dossier, pk=pk)
    if not can_view(request.user, dossier):
        raise PermissionDenied
    document = get_object_or_404(dossier.documents, pk=document_pk)
    # Its own file, or the draft copy while a move left by a crash is pending.
    response = private_file(document, readable_name(document))
    log(
        dossier,
        "backoffice.dossier.download",
        user=request.user,
        data={"document": document.pk, "name": document.document_name},
    )
    return response


def apology_letter(request, pk, letter_pk):
    """The printable apology letter, in the dossier's language."""
    dossier = get_object_or_404(Dossier.objects.select_related("agency"), pk=pk)
    if not can_view(request.user, dossier):
        raise PermissionDenied
    letter = get_object_or_404(
        ApologyLetter.objects.select_related("created_by"),
        dossier=dossier,
        pk=letter_pk,
    )
    from wagtail.models import Site

    from cms_pages.models.settings import CentreSettings

    site = (
        Site.find_for_request(request)
        or Site.objects.filter(is_default_site=True).first()
    )
    centre = CentreSettings.for_site(site) if site else None
    calendar = load_calendar(site)
    with translation.override(dossier.language):
        return render(
            request,
            "backoffice/apology_letter.html",
            {
                "dossier": dossier,
                "letter": letter,
                "centre": centre,
                "extra_working_days": calendar.working_days_between(
                    letter.previous_date, letter.new_date
                ),
                "LANGUAGE_CODE": dossier.language,
            },
        )


class DossierViewSet(ModelViewSet):
    """Dossiers in the admin: listing and dossier page; changes only via actions."""

    model = Dossier
    icon = "folder-open-inverse"
    menu_label = _("Dossiers")
    menu_order = 150
    add_to_admin_menu = True
    name = "backoffice_dossiers"
    url_prefix = "ho-so"
    index_view_class = DossierIndexView
    inspect_view_class = DossierDetailView
    inspect_view_enabled = True
    filterset_class = DossierFilterSet
    search_fields = ["code"]  # see DossierIndexView.search_queryset
    search_backend_name = None
    list_per_page = 50
    ordering = ["-received_at"]
    list_display = [
        TitleColumn(
            "code",
            label=_("Dossier code"),
            url_name="backoffice_dossiers:inspect",
            sort_key="code",
        ),
        Column("display_applicant", label=_("Applicant")),
        Column("procedure_code", label=_("Procedure"), sort_key="procedure_code"),
        Column("agency", label=_("Agency")),
        StatusColumn("status", label=_("Status"), sort_key="status"),
        AbsoluteDateColumn("received_at", label=_("Received"), sort_key="received_at"),
        DueDateColumn(
            "appointment_date", label=_("Appointment date"), sort_key="appointment_date"
        ),
    ]

    @cached_property
    def permission_policy(self):
        return DossierPermissionPolicy(self.model)

    def get_urlpatterns(self):
        # No add/edit/delete views: dossiers change only through actions.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path(
                "<int:pk>/thao-tac/<slug:action_name>/",
                DossierActionView.as_view(),
                name="action",
            ),
            path(
                "<int:pk>/giay-to/<int:document_pk>/",
                download_document,
                name="document",
            ),
            path(
                "<int:pk>/thu-xin-loi/<int:letter_pk>/",
                apology_letter,
                name="apology_letter",
            ),
            path("tra-loi-bieu-mau/", answers_export, name="answers_export"),
        ]


dossier_viewset = DossierViewSet()
