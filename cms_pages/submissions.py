"""The form builder's submissions as editors export them.

Wagtail writes the submission time in UTC and names the file after the page
slug, which browsers replace with "download.csv" when it is not ASCII. Here
the time is in the admin's time zone (the site's unless the user chose
another), the heading says which, and the file name is ASCII.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.encoding import force_str

from portal.security.exports import SafeSubmissionsListView
from portal.text import ascii_slug


def zone_label() -> str:
    """The active time zone as people read it: "Asia/Ho_Chi_Minh, UTC+07:00"."""
    zone = timezone.get_current_timezone()
    offset = timezone.localtime(timezone.now()).strftime("%z")
    return f"{zone}, UTC{offset[:3]}:{offset[3:]}"


class LocalTimeExportMixin:
    """For SubmissionsListView: local submission times, said in the header,
    and an ASCII file name."""

    def get_filename(self) -> str:
        page = self.form_page
        name = ascii_slug(page.slug, 200) or ascii_slug(page.title, 200) or "form"
        return f"{name}-{timezone.localdate():%Y-%m-%d}"

    def get_heading(self, queryset, field):
        heading = super().get_heading(queryset, field)
        if field == "submit_time":
            return f"{force_str(heading)} ({zone_label()})"
        return heading

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        value = row.get("submit_time")
        if isinstance(value, datetime) and timezone.is_aware(value):
            local = timezone.localtime(value).replace(microsecond=0)
            row["submit_time"] = timezone.make_naive(local)
        return row


class FormSubmissionsView(LocalTimeExportMixin, SafeSubmissionsListView):
    """`submissions_list_view_class` of the portal's form pages: local times,
    an ASCII name, and no cell a spreadsheet would run as a formula."""
