"""Editor-built forms: stored and emailed, honeypot and rate limit, accessible errors."""

import pytest
from wagtail.contrib.forms.models import FormSubmission

from tests.factories.site import ContactPageFactory, FormPageFactory

pytestmark = pytest.mark.django_db

VALID = {
    "ho_va_ten": "Nguyễn Văn An",
    "email": "an@example.vn",
    "noi_dung": "Xin hỏi giờ làm việc thứ Bảy.",
}


@pytest.fixture
def form_page(site_tree):
    home, _catalogue = site_tree
    contact = ContactPageFactory(parent=home)
    return FormPageFactory(parent=contact)


@pytest.mark.smoke
def test_real_submission_is_stored_and_emailed(client, form_page, mailoutbox):
    response = client.post(form_page.url, {**VALID, "website": ""})
    assert response.status_code == 200
    assert "Cảm ơn" in response.content.decode()
    submission = FormSubmission.objects.get(page=form_page)
    assert submission.get_data()["ho_va_ten"] == "Nguyễn Văn An"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["hopthu@example.gov.vn"]
    assert "Nguyễn Văn An" in mailoutbox[0].body


def test_without_to_address_mail_goes_to_the_centre(client, form_page, mailoutbox):
    from wagtail.models import Site

    from cms_pages.models import CentreSettings

    centre = CentreSettings.for_site(Site.objects.get(is_default_site=True))
    centre.email = "trungtam@example.gov.vn"
    centre.save()
    form_page.to_address = ""
    form_page.save_revision().publish()
    client.post(form_page.url, VALID)
    assert mailoutbox[0].to == ["trungtam@example.gov.vn"]


def test_honeypot_drops_bots(client, form_page, mailoutbox):
    response = client.post(form_page.url, {**VALID, "website": "http://spam.example"})
    assert response.status_code == 200
    assert not FormSubmission.objects.filter(page=form_page).exists()
    assert mailoutbox == []


def test_rate_limit_keeps_what_was_typed(client, form_page, settings):
    settings.RATE_LIMITS = {"forms": "2/600"}
    for _ in range(2):
        assert "Cảm ơn" in client.post(form_page.url, VALID).content.decode()
    response = client.post(form_page.url, VALID)
    html = response.content.decode()
    assert response.status_code == 429 and int(response["Retry-After"]) <= 600
    assert FormSubmission.objects.filter(page=form_page).count() == 2
    assert "vui lòng chờ" in html.lower()
    assert "Xin hỏi giờ làm việc thứ Bảy." in html  # nothing lost
    # Another visitor (another address) is not affected.
    other = client.post(form_page.url, VALID, REMOTE_ADDR="198.51.100.20")
    assert "Cảm ơn" in other.content.decode()


def test_invalid_form_shows_error_summary_linked_to_fields(client, form_page):
    response = client.post(
        form_page.url, {"ho_va_ten": "An", "email": "khong-phai-email"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert html.index('class="error-summary"') < html.index('class="cms-form"')
    assert 'href="#id_email"' in html and 'href="#id_noi_dung"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email-error"' in html
    assert 'value="An"' in html  # kept
    assert "Có lỗi" in html
    assert not FormSubmission.objects.exists()


def test_form_renders_labels_and_hidden_honeypot(client, form_page):
    html = client.get(form_page.url).content.decode()
    assert '<label for="id_ho_va_ten">Họ và tên</label>' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html
    assert "novalidate" in html


def test_answer_keys_fold_vietnamese(form_page):
    from cms_pages.models import FormField

    field = FormField.objects.create(
        page=form_page,
        label="Số điện thoại",
        field_type="singleline",
        locale=form_page.locale,
    )
    assert field.clean_name == "so_dien_thoai"


def test_expired_csrf_token_explains_what_to_do(form_page):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(form_page.url, VALID)
    assert response.status_code == 403
    assert "Trang đã mở quá lâu" in response.content.decode()


def test_odd_query_strings_never_fail(client, site_tree):
    from tests.factories.site import (
        InvestmentIndexPageFactory,
        InvestmentProjectIndexPageFactory,
        NewsIndexPageFactory,
    )

    home, _catalogue = site_tree
    projects = InvestmentProjectIndexPageFactory(
        parent=InvestmentIndexPageFactory(parent=home)
    )
    news = NewsIndexPageFactory(parent=home)
    for url, params in (
        (projects.url, {"sector": "x" * 300, "status": "", "location": "<script>"}),
        (news.url, {"page": "-1", "kind": "<b>"}),
        (news.url, {"page": "abc"}),
        ("/vi/", {"untranslated": "yes"}),
    ):
        assert client.get(url, params).status_code == 200
