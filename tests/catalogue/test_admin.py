"""Editors in the Wagtail admin: tree rules, creating a procedure, Vietnamese messages."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from cms_pages.models import HomePage, ProcedureIndexPage, ProcedurePage
from tests.factories.catalogue import (
    AgencyFactory,
    ProcedurePageFactory,
    SectorFactory,
    build_site,
)


def procedure_form(sector, agency, **overrides) -> dict:
    """The admin add form for a procedure, in the wire format."""
    data = {
        "title": "Cấp giấy phép thử nghiệm",
        "slug": "1-999999-cap-giay-phep-thu-nghiem",
        "full_name": "",
        "code": "1.999999",
        "level": "province",
        "sector": sector.pk,
        "agency": agency.pk,
        "result": "Giấy phép",
        "requirements": "",
        "keywords": "giấy phép\nthử nghiệm",
        "processing_time_days": "5",
        "processing_time_note": "",
        "online_service": "partial",
        "for_individuals": "on",
        "for_organizations": "on",
        "channel_in_person": "on",
        "channel_online": "on",
        "fees": inline_formset(
            [
                {
                    "label": "Lệ phí",
                    "amount_vnd": "50000",
                    "note": "",
                    "applies": "always",
                }
            ]
        ),
        "documents": inline_formset(
            [
                {
                    "name": "Đơn đề nghị",
                    "originals": "1",
                    "copies": "",
                    "required": "on",
                    "note": "",
                    "template_name": "Mẫu 01",
                    "template_file": "",
                }
            ]
        ),
        "steps": inline_formset([{"text": "Nộp hồ sơ"}, {"text": "Nhận kết quả"}]),
        "legal_bases": inline_formset([{"text": "Luật số 1/2025/QH15"}]),
        "body": streamfield([]),
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


class TreeRulesTest(WagtailPageTestCase):
    """Which page can live where."""

    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(
            HomePage, {ProcedureIndexPage} | self._other_home_children()
        )

    def _other_home_children(self) -> set:
        # Other areas add their own page types under the home page.
        return {
            model
            for model in HomePage.allowed_subpage_models()
            if model is not ProcedureIndexPage
        }

    def test_catalogue_holds_only_procedures(self):
        self.assertAllowedSubpageTypes(ProcedureIndexPage, {ProcedurePage})
        self.assertAllowedParentPageTypes(ProcedureIndexPage, {HomePage})

    def test_procedures_live_only_in_the_catalogue_and_have_no_children(self):
        self.assertAllowedParentPageTypes(ProcedurePage, {ProcedureIndexPage})
        self.assertAllowedSubpageTypes(ProcedurePage, set())

    def test_can_create_where_allowed(self):
        self.assertCanCreateAt(HomePage, ProcedureIndexPage)
        self.assertCanCreateAt(ProcedureIndexPage, ProcedurePage)
        self.assertCanNotCreateAt(HomePage, ProcedurePage)
        self.assertCanNotCreateAt(Page, ProcedurePage)


class ProcedureAdminTest(WagtailPageTestCase):
    """Creating and validating a procedure through the admin add view."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.catalogue = build_site()
        cls.sector = SectorFactory(name="Đất đai")
        cls.agency = AgencyFactory(name="Sở Nông nghiệp và Môi trường")
        cls.user = get_user_model().objects.create_superuser(
            "admin", "admin@example.vn", "secret-pass"
        )
        UserProfile.get_for_user(cls.user)
        UserProfile.objects.filter(user=cls.user).update(preferred_language="vi")

    def setUp(self):
        self.client.force_login(self.user)

    def add_url(self) -> str:
        return reverse(
            "wagtailadmin_pages:add",
            args=("cms_pages", "procedurepage", self.catalogue.pk),
        )

    def test_can_create_procedure_with_rows(self):
        self.assertCanCreate(
            self.catalogue, ProcedurePage, procedure_form(self.sector, self.agency)
        )
        page = ProcedurePage.objects.get(code="1.999999")
        assert [s.text for s in page.steps.all()] == ["Nộp hồ sơ", "Nhận kết quả"]
        assert page.documents.get().template_name == "Mẫu 01"
        # Typed one per line, stored with semicolons (cms_pages/keywords.py).
        assert page.keywords == "giấy phép; thử nghiệm"

    def post(self, **overrides):
        data = procedure_form(self.sector, self.agency, **overrides)
        data["action-publish"] = "publish"
        return self.client.post(self.add_url(), data)

    def errors_text(self, response) -> str:
        assert response.status_code == 200, "the form should be shown again"
        return response.content.decode()

    def test_form_has_editor_tabs(self):
        response = self.client.get(self.add_url())
        html = response.content.decode()
        for tab in (
            "Thủ tục",
            "Thời hạn, phí và cách thức",
            "Thành phần hồ sơ",
            "Trình tự",
        ):
            assert tab in html

    def test_needs_a_step_and_a_document_in_vietnamese(self):
        html = self.errors_text(
            self.post(steps=inline_formset([]), documents=inline_formset([]))
        )
        assert "Cần nhập ít nhất một bước thực hiện." in html
        assert "Cần nhập ít nhất một thành phần hồ sơ." in html
        assert not ProcedurePage.objects.filter(code="1.999999").exists()

    def test_code_must_be_unique_in_vietnamese(self):
        other = ProcedurePageFactory(parent=self.catalogue, code="1.999999")
        html = self.errors_text(self.post())
        assert "Mã &quot;1.999999&quot; đã được dùng cho thủ tục" in html
        assert other.title in html

    def test_time_and_fees_cannot_be_negative_in_vietnamese(self):
        html = self.errors_text(
            self.post(
                processing_time_days="-1",
                fees=inline_formset(
                    [{"label": "Lệ phí", "amount_vnd": "-5", "note": ""}]
                ),
            )
        )
        assert html.count("lớn hơn hoặc bằng 0") >= 2


@pytest.mark.django_db
def test_sector_and_agency_listings(client):
    build_site()
    SectorFactory(name="Hộ tịch")
    AgencyFactory(name="Sở Tư pháp")
    user = get_user_model().objects.create_superuser("a", "a@example.vn", "pw")
    client.force_login(user)
    for model in ("sector", "agency"):
        response = client.get(reverse(f"wagtailsnippets_cms_pages_{model}:list"))
        assert response.status_code == 200
    assert (
        "Hộ tịch"
        in client.get(reverse("wagtailsnippets_cms_pages_sector:list")).content.decode()
    )
    assert (
        "Sở Tư pháp"
        in client.get(reverse("wagtailsnippets_cms_pages_agency:list")).content.decode()
    )
