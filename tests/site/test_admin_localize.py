"""Editors: every page type can be created in the admin and translated with wagtail-localize."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail_localize.models import String, StringTranslation, TranslationSource

from cms_pages.models import (
    ContactPage,
    InvestmentGuidePage,
    InvestmentIndexPage,
    NewsIndexPage,
    StandardPage,
)
from tests.factories.site import (
    AlertBannerFactory,
    InvestmentGuidePageFactory,
    InvestmentIndexPageFactory,
    NavigationMenuFactory,
    journey_body,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, site_tree):
    user = get_user_model().objects.create_superuser("admin", "admin@example.vn", "x")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "model", [InvestmentIndexPage, NewsIndexPage, ContactPage, StandardPage]
)
def test_admin_add_form_opens_under_home(admin_client, site_tree, model):
    home, _catalogue = site_tree
    url = reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, home.pk],
    )
    assert admin_client.get(url).status_code == 200


def test_admin_add_forms_in_the_investment_section(admin_client, site_tree):
    home, _catalogue = site_tree
    section = InvestmentIndexPageFactory(parent=home)
    for name in ("investmentguidepage", "investmentprojectindexpage", "formpage"):
        url = reverse("wagtailadmin_pages:add", args=["cms_pages", name, section.pk])
        assert admin_client.get(url).status_code == 200, name


def test_admin_snippet_listings(admin_client):
    AlertBannerFactory()
    NavigationMenuFactory()
    for name in ("alertbanner", "navigationmenu"):
        url = reverse(f"wagtailsnippets_cms_pages_{name}:list")
        assert admin_client.get(url).status_code == 200, name


def test_guide_translates_with_wagtail_localize(
    site_tree, en, home_en, roadmap_procedures
):
    home, _catalogue = site_tree
    section = InvestmentIndexPageFactory(parent=home)
    guide = InvestmentGuidePageFactory(
        parent=section, title="Lộ trình", body=journey_body(roadmap_procedures[:2])
    )
    source, _created = TranslationSource.get_or_create_from_instance(guide)
    texts = set(
        String.objects.filter(segments__source=source).values_list("data", flat=True)
    )
    assert {"Lộ trình", "Bước 1", "Nộp hồ sơ."} <= texts
    string = String.objects.get(data="Bước 1")
    StringTranslation.objects.create(
        translation_of=string,
        locale=en,
        context=string.segments.filter(source=source).first().context,
        data="Step one",
    )
    source.create_or_update_translation(en, copy_parent_pages=True, fallback=True)
    translated = InvestmentGuidePage.objects.get(
        translation_key=guide.translation_key, locale=en
    )
    steps = translated.body[0].value["steps"]
    assert steps[0]["title"] == "Step one"
    assert steps[0]["procedure"].pk == roadmap_procedures[0].pk


def test_snippets_translate_with_wagtail_localize(site_tree, en):
    banner = AlertBannerFactory(title="Lịch nghỉ Tết")
    menu = NavigationMenuFactory(
        links=json.dumps(
            [
                {
                    "type": "link",
                    "value": {
                        "text": "Cổng quốc gia",
                        "page": None,
                        "url": "https://dichvucong.gov.vn",
                    },
                }
            ]
        )
    )
    for instance in (banner, menu):
        source, _created = TranslationSource.get_or_create_from_instance(instance)
        source.create_or_update_translation(en, fallback=True)
        assert (
            type(instance)
            .objects.filter(translation_key=instance.translation_key, locale=en)
            .exists()
        )


def test_not_found_page_is_in_the_visitors_language(client, site_tree, en, home_en):
    response = client.get("/vi/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_submissions_are_listed_and_exported_in_the_admin(admin_client, site_tree):
    from wagtail.contrib.forms.models import FormSubmission

    from tests.factories.site import ContactPageFactory, FormPageFactory

    home, _catalogue = site_tree
    form_page = FormPageFactory(parent=ContactPageFactory(parent=home))
    FormSubmission.objects.create(
        page=form_page,
        form_data={
            "ho_va_ten": "Trần Thị Bình",
            "email": "binh@example.vn",
            "noi_dung": "Hỏi",
        },
    )
    url = reverse("wagtailforms:list_submissions", args=[form_page.pk])
    assert "Trần Thị Bình" in admin_client.get(url).content.decode()
    export = admin_client.get(url, {"export": "csv"})
    assert export.status_code == 200
    assert "Trần Thị Bình" in b"".join(export.streaming_content).decode()
