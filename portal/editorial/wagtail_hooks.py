"""Admin hooks for editors: the translation freshness report and notices,
names for the workflow reports, and the dashboard's checks."""

from django.contrib import messages
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import dashboard
from .freshness import staleness_of
from .views import PERMISSION, TranslationsOutOfDateView


@hooks.register("insert_global_admin_css")
def editorial_admin_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("editorial/admin.css")
    )


@hooks.register("register_admin_urls")
def register_report_urls():
    view = TranslationsOutOfDateView
    return [
        path(
            "reports/ban-dich-cu/",
            view.as_view(),
            name="editorial_translations_out_of_date",
        ),
        path(
            "reports/ban-dich-cu/results/",
            view.as_view(results_only=True),
            name="editorial_translations_out_of_date_results",
        ),
    ]


class PermissionMenuItem(MenuItem):
    """A menu item shown to users holding PERMISSION."""

    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return PermissionMenuItem(
        _("Translations out of date"),
        reverse("editorial_translations_out_of_date"),
        name="translations-out-of-date",
        icon_name="globe",
        order=650,
    )


# Wagtail names its workflow reports like the Settings → Workflows items.
REPORT_LABELS = {
    "workflows": _("Pages in review"),
    "workflow-tasks": _("Review steps in progress"),
}


@hooks.register("construct_main_menu")
def name_form_submissions(request, menu_items):
    # Wagtail's "Forms" lists what visitors sent through form pages; beside
    # the e-forms an editor could not tell the two apart.
    for item in menu_items:
        if item.name == "forms":
            item.label = _("Form submissions")


@hooks.register("construct_reports_menu")
def name_workflow_reports(request, menu_items):
    for item in menu_items:
        if item.name in REPORT_LABELS:
            item.label = REPORT_LABELS[item.name]


def _warn_if_stale(request, instance) -> None:
    if request.method != "GET":
        return
    item = staleness_of(instance)
    if item is None:
        return
    if item.translation_source_id is None:
        text = _(
            "This translation is older than its source “%(source)s”, changed on "
            "%(date)s. Compare the two and update this translation."
        )
    else:
        text = _(
            "This translation is older than its source “%(source)s”, changed on "
            "%(date)s. Sync the translation to bring in the changes, then "
            "translate them."
        )
    date = item.source_changed_at
    when = date_format(localtime(date), "d/m/Y H:i") if date else "–"
    messages.warning(request, text % {"source": item.source, "date": when})


@hooks.register("before_edit_page")
def warn_stale_page(request, page):
    _warn_if_stale(request, page)


@hooks.register("before_edit_snippet")
def warn_stale_snippet(request, instance):
    if hasattr(instance, "translation_key"):
        _warn_if_stale(request, instance)


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    if request.user.has_perm(PERMISSION):
        panels.append(dashboard.EditorialChecksPanel(request))
