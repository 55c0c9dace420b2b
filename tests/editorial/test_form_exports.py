"""Form submission exports: local time said in the heading, a real file name."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from cms_pages.models import FormPage
from tests.factories.site import ContactPageFactory, FormPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_page(site_tree):
    home, _catalogue = site_tree
    page = FormPageFactory(parent=ContactPageFactory(parent=home), title="Góp ý")
    # A page from before slugs were ASCII.
    FormPage.objects.filter(pk=page.pk).update(slug="góp-ý-về-cổng")
    submission = FormSubmission.objects.create(
        page=page, form_data={"ho_va_ten": "An", "email": "an@example.vn"}
    )
    # 23:30 UTC on 1 December is 06:30 on 2 December in Hà Nội.
    FormSubmission.objects.filter(pk=submission.pk).update(
        submit_time=datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
    )
    return FormPage.objects.get(pk=page.pk)


def test_csv_export_in_local_time_with_an_ascii_name(admin_client, form_page):
    url = reverse("wagtailforms:list_submissions", args=[form_page.pk])
    response = admin_client.get(url, {"export": "csv"})
    disposition = response["Content-Disposition"]
    assert 'filename="gop-y-ve-cong-' in disposition and disposition.isascii()
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "Ngày gửi (Asia/Ho_Chi_Minh, UTC+07:00)"
    assert rows[1][0] == "2026-12-02 06:30:00"


def test_xlsx_export_has_an_ascii_name(admin_client, form_page):
    url = reverse("wagtailforms:list_submissions", args=[form_page.pk])
    response = admin_client.get(url, {"export": "xlsx"})
    assert 'filename="gop-y-ve-cong-' in response["Content-Disposition"]
