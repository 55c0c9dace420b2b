"""Admin listings of translatable snippets show and filter each row's language."""

import re

import pytest
from django.urls import reverse

from cms_pages.chrome import AlertBanner, NavigationMenu
from cms_pages.snippets import Agency, Sector
from portal.eforms.models import EForm
from tests.factories.catalogue import AgencyFactory, SectorFactory
from tests.factories.eforms import EFormFactory
from tests.factories.site import AlertBannerFactory, NavigationMenuFactory

pytestmark = pytest.mark.django_db

MODELS = [
    (Sector, SectorFactory, "name", "Hộ tịch", "Civil status"),
    (Agency, AgencyFactory, "name", "Sở Tư pháp", "Department of Justice"),
    (AlertBanner, AlertBannerFactory, "title", "Nghỉ Tết", "Tet holiday"),
    (
        NavigationMenu,
        NavigationMenuFactory,
        "title",
        "Dịch vụ công quốc gia",
        "National public services",
    ),
    (EForm, EFormFactory, "title", "Tờ khai khai sinh", "Birth declaration"),
]


@pytest.fixture
def rows(site_tree, en):
    made = []
    for model, factory, field, vi_text, en_text in MODELS:
        source = factory(**{field: vi_text})
        copy = source.copy_for_translation(en)
        setattr(copy, field, en_text)
        copy.save()
        made.append(model)
    return made


def cells(html: str) -> list[str]:
    return [
        " ".join(re.sub(r"<[^>]+>", " ", cell).split())
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)
    ]


@pytest.mark.parametrize(("model", "factory", "field", "vi_text", "en_text"), MODELS)
def test_listing_shows_and_filters_the_language(
    admin_client, rows, model, factory, field, vi_text, en_text
):
    url = reverse(model.snippet_viewset.get_url_name("list"))
    html = admin_client.get(url).content.decode()
    assert "Ngôn ngữ" in html  # the column, in the Vietnamese admin
    texts = cells(html)
    assert "Tiếng Việt" in texts and "Tiếng Anh" in texts
    english = admin_client.get(url, {"locale": "en"}).content.decode()
    assert en_text in english and vi_text not in english
    assert 'name="locale"' in english  # the filter is offered


@pytest.mark.parametrize(
    ("model", "word"), [(AlertBanner, "bật"), (EForm, "đã xuất bản")]
)
def test_listing_says_on_or_published_not_true(admin_client, rows, model, word):
    url = reverse(model.snippet_viewset.get_url_name("list"))
    html = admin_client.get(url).content.decode()
    assert "True" not in html and "False" not in html
    assert any(word in cell.lower() for cell in cells(html))
