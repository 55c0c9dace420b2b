"""Page slugs are ASCII and come from the title, for every page type."""

import re

import pytest
from django.urls import reverse

from cms_pages.forms import PortalPageForm
from cms_pages.models import ProcedurePage
from tests.catalogue.test_admin import procedure_form
from tests.editorial.pages import page_factories, parent_for, portal_page_models
from tests.factories.catalogue import AgencyFactory, SectorFactory

pytestmark = pytest.mark.django_db

TITLE = "Góp ý về Cổng thông tin điện tử: Đăng ký, hỗ trợ"
ASCII_SLUG = "gop-y-ve-cong-thong-tin-dien-tu-dang-ky-ho-tro"


def test_every_page_type_uses_the_portal_form():
    for model in portal_page_models():
        assert issubclass(model.base_form_class, PortalPageForm), model


@pytest.mark.parametrize("model", portal_page_models(), ids=lambda m: m.__name__)
def test_page_saved_without_a_slug_gets_an_ascii_one_from_its_title(site_tree, model):
    home, catalogue = site_tree
    made = {type(home): home, type(catalogue): catalogue}
    factory = page_factories()[model]
    page = factory(parent=parent_for(model, made), title=TITLE, slug="")
    assert page.slug == ASCII_SLUG
    twin = factory(parent=page.get_parent(), title=TITLE, slug="")
    assert twin.slug == f"{ASCII_SLUG}-2"


class TestProcedureAddedInTheAdmin:
    """The editor leaves the slug empty (no JavaScript) or types Vietnamese."""

    @pytest.fixture
    def post(self, admin_client, site_tree):
        _home, catalogue = site_tree
        sector, agency = SectorFactory(), AgencyFactory()
        url = reverse(
            "wagtailadmin_pages:add", args=("cms_pages", "procedurepage", catalogue.pk)
        )

        def post(**overrides):
            data = procedure_form(sector, agency, title=TITLE, **overrides)
            data["action-publish"] = "publish"
            return admin_client.post(url, data)

        return post

    def test_publishing_with_an_empty_slug_uses_the_title(self, post):
        response = post(slug="")
        assert response.status_code == 302
        page = ProcedurePage.objects.get(code="1.999999")
        assert page.live and page.slug == ASCII_SLUG

    def test_a_slug_typed_in_vietnamese_is_folded(self, post):
        post(slug="đăng-ký-đất-đai")
        assert ProcedurePage.objects.get(code="1.999999").slug == "dang-ky-dat-dai"


def test_the_title_fills_the_slug_as_the_editor_types(admin_client, site_tree):
    """The browser side: the title input drives the slug input, whose
    formatters fold Vietnamese letters (Wagtail's own would drop them)."""
    _home, catalogue = site_tree
    url = reverse(
        "wagtailadmin_pages:add", args=("cms_pages", "procedurepage", catalogue.pk)
    )
    html = admin_client.get(url).content.decode()
    title = re.search(r'<input[^>]*name="title"[^>]*>', html).group(0)
    assert 'data-controller="w-sync"' in title
    assert "#id_slug" in title
    slug = re.search(r'<input[^>]*name="slug"[^>]*>', html).group(0)
    assert "data-w-slug-allow-unicode-value" not in slug  # False: ASCII only
    # The formatters fold đ (escaped as \\u0111 in the JSON) to d.
    assert "data-w-slug-formatters-value" in slug and "u0111" in slug
