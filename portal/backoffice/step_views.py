"""The admin pages of a record that moves through a workflow, shared by
dossiers (backoffice) and questions: the record's page (`RecordInspectView`:
read-only, its steps are the only way to change it) and the page of one step
(`WorkflowStepView`: the record and the step come from the URL, the step is
refused with a message when the record's status does not allow it, and
posting the form performs the step, showing the workflow's objections on
the form)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import Form
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import Promise, cached_property
from django.views.generic import FormView
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class RecordInspectView(InspectView):
    """A record's page: no edit or delete button and no generic field list
    (the template shows the record; its workflow steps change it)."""

    def get_edit_url(self):
        return None

    def get_delete_url(self):
        return None

    def get_fields(self):
        return []


class WorkflowStepView(WagtailAdminTemplateMixin, FormView):
    """Subclasses set the names below and say how to find the record and the
    step, who may take it, how to perform it and what to say when it is done."""

    record_name: str  # the record's name in the context and the form's kwargs
    step_name: str  # the step's name there ("action", "step")
    step_url_kwarg: str  # the URL's keyword for the step
    index_url_name: str
    index_label: str | Promise
    detail_url_name: str
    not_possible_message: str | Promise  # with %(status)s
    illegal: type[ValidationError]  # the workflow's "not now" error

    # --- what a subclass says ------------------------------------------------

    def get_record(self, request, pk) -> models.Model:
        raise NotImplementedError

    def get_step(self, name: str):
        """The step called `name`; raises `self.illegal` for an unknown one."""
        raise NotImplementedError

    def may_take(self) -> bool:
        raise NotImplementedError

    def is_possible(self) -> bool:
        raise NotImplementedError

    def record_label(self) -> str:
        raise NotImplementedError

    def perform(self, form: Form) -> None:
        """Take the step (raises `self.illegal` or ValidationError)."""
        raise NotImplementedError

    def done_message(self) -> str:
        raise NotImplementedError

    def still_visible(self) -> bool:
        """May the user still see the record after the step?"""
        raise NotImplementedError

    # --- the shared flow -----------------------------------------------------

    def dispatch(self, request, pk, **kwargs):
        self.record = self.get_record(request, pk)
        try:
            self.step = self.get_step(kwargs[self.step_url_kwarg])
        except self.illegal:
            raise Http404 from None
        if not self.may_take():
            raise PermissionDenied
        if not self.is_possible():
            messages.error(
                request,
                self.not_possible_message
                % {"status": self.record.get_status_display()},
            )
            return redirect(self.detail_url)
        return super().dispatch(request, pk, **kwargs)

    @cached_property
    def detail_url(self) -> str:
        return reverse(self.detail_url_name, args=[self.record.pk])

    def get_page_title(self):
        return str(self.step.label)

    def get_page_subtitle(self):
        return self.record_label()

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": self.detail_url, "label": self.record_label()},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update({self.step_name: self.step, self.record_name: self.record})
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({self.record_name: self.record, self.step_name: self.step})
        return context

    def form_valid(self, form):
        try:
            self.perform(form)
        except self.illegal as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(self.detail_url)
        except ValidationError as error:
            for field, errors in getattr(error, "error_dict", {None: [error]}).items():
                for item in errors:
                    form.add_error(field if field in form.fields else None, item)
            return self.form_invalid(form)
        messages.success(self.request, self.done_message())
        self.record.refresh_from_db()
        if self.still_visible():
            return redirect(self.detail_url)
        # Moved away from the user's desk (transferred, sent back): the list.
        return redirect(self.index_url_name)
