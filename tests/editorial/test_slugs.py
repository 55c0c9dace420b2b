"""Page slugs are ASCII and come from the title, for every page type."""

import inspect
import re

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail.models import Page, get_page_models

from cms_pages.forms import PortalPageForm
from cms_pages.models import ProcedurePage
from tests.catalogue.test_admin import procedure_form
from tests.factories import catalogue as catalogue_factories
from tests.factories import site as site_factories
from tests.factories.catalogue import AgencyFactory, SectorFactory

pytestmark = pytest.mark.django_db

TITLE = "Góp ý về Cổng thông tin điện tử: Đăng ký, hỗ trợ"
ASCII_SLUG = "gop-y-ve-cong-thong-tin-dien-tu-dang-ky-ho-tro"


def portal_page_models() -> list[type[Page]]:
    """Every page type of the project (Wagtail's own base Page excluded)."""
    return [model for model in get_page_models() if model is not Page]


def page_factories() -> dict[type[Page], type]:
    """The page factory of each page type, found in tests/factories."""
    found = {}
    for module in (catalogue_factories, site_factories):
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, wagtail_factories.PageFactory):
                model = value._meta.model
                if model is not None and not value._meta.abstract:
                    found[model] = value
    return found


def parent_for(model, made: dict) -> Page:
    """A page `model` may be created under, made (with its own parents) if needed."""
    for parent_model in model.allowed_parent_page_models():
        if parent_model is Page:
            return Page.get_first_root_node()
        if parent_model in made:
            return made[parent_model]
    parent_model = next(
        m for m in model.allowed_parent_page_models() if m in page_factories()
    )
    made[parent_model] = page_factories()[parent_model](
        parent=parent_for(parent_model, made)
    )
    return made[parent_model]


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
