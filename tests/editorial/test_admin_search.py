"""Every search box of the admin answers: listings and choosers of pages,
snippets, images, documents and every other registered listing.

Snippets and admin listings are discovered from Wagtail's registries, so a
snippet or listing added later is searched too without touching this file.
"""

import pytest
import wagtail_factories
from django.urls import NoReverseMatch, reverse
from wagtail.admin.viewsets import viewsets
from wagtail.snippets.models import get_snippet_models

from cms_pages.chrome import AlertBanner, NavigationMenu
from cms_pages.snippets import Agency, Sector
from tests.factories.catalogue import AgencyFactory, ProcedurePageFactory, SectorFactory
from tests.factories.site import AlertBannerFactory, NavigationMenuFactory

pytestmark = pytest.mark.django_db

# Words typed by an editor: with diacritics, without, and an English one.
QUERIES = ("đất đai", "dat", "land")


def translated(instance, locale, **fields):
    """A translation of a snippet, saved."""
    copy = instance.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy


@pytest.fixture
def content(site_tree, en, home_en):
    """Two of each snippet in both languages, a procedure, an image, a document."""
    _home, catalogue = site_tree
    land = SectorFactory(name="Đất đai")
    SectorFactory(name="Hộ tịch")
    translated(land, en, name="Land")
    tax = AgencyFactory(name="Sở Tài nguyên và Môi trường, đất đai")
    AgencyFactory(name="Sở Tư pháp")
    translated(tax, en, name="Department of Land")
    banner = AlertBannerFactory(title="Đất đai: lịch tiếp dân")
    AlertBannerFactory(title="Nghỉ Tết")
    translated(banner, en, title="Land: reception hours")
    menu = NavigationMenuFactory(title="Đất đai và nhà ở")
    NavigationMenuFactory(title="Hộ tịch", location="footer")
    translated(menu, en, title="Land and housing")
    ProcedurePageFactory(parent=catalogue, title="Đăng ký đất đai lần đầu", sector=land)
    wagtail_factories.ImageFactory(title="Bản đồ đất đai")
    wagtail_factories.DocumentFactory(title="Mẫu đơn đất đai")


def results_urls() -> list[tuple[str, str]]:
    """(label, URL) of the results view of every registered admin listing and
    chooser: snippets, model viewsets, image and document choosers."""
    urls = []
    for viewset in viewsets.viewsets:
        for name in ("list_results", "index_results", "choose_results"):
            try:
                url = reverse(viewset.get_url_name(name))
            except (NoReverseMatch, AttributeError):
                continue
            urls.append((f"{type(viewset).__name__}:{name}", url))
    return urls


# Listings and choosers that are not model viewsets.
FIXED_SEARCHES = [
    ("pages search", "wagtailadmin_pages:search"),
    ("page chooser", "wagtailadmin_choose_page_search"),
    ("images", "wagtailimages:index_results"),
    ("documents", "wagtaildocs:index_results"),
    ("forms", "wagtailforms:index_results"),
    ("redirects", "wagtailredirects:index_results"),
    ("promoted search results", "wagtailsearchpromotions:index_results"),
    ("workflows", "wagtailadmin_workflows:index_results"),
    ("workflow tasks", "wagtailadmin_workflows:task_index_results"),
]


def test_every_snippet_viewset_is_discovered():
    found = {url for _label, url in results_urls()}
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        assert reverse(viewset.get_url_name("list_results")) in found, model
        chooser = viewset.chooser_viewset
        assert reverse(chooser.get_url_name("choose_results")) in found, model


@pytest.mark.parametrize("query", QUERIES)
def test_every_listing_and_chooser_searches(admin_client, content, query):
    urls = results_urls() + [(label, reverse(name)) for label, name in FIXED_SEARCHES]
    failures = []
    for label, url in urls:
        for params in ({"q": query}, {"q": query, "locale": "vi"}):
            try:
                response = admin_client.get(url, params)
            except Exception as exc:  # noqa: BLE001 - collect every failing box
                failures.append(f"{label} {url} {params}: {exc!r}")
                continue
            if response.status_code != 200:
                failures.append(f"{label} {url} {params}: {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("model", [Sector, Agency, AlertBanner, NavigationMenu])
@pytest.mark.parametrize("view", ["list_results", "choose_results"])
def test_snippet_search_finds_only_matches_in_the_chosen_language(
    admin_client, content, model, view
):
    viewset = model.snippet_viewset
    if view == "choose_results":
        viewset = viewset.chooser_viewset
    url = reverse(viewset.get_url_name(view))
    vi_only = admin_client.get(url, {"q": "đất đai", "locale": "vi"})
    assert vi_only.status_code == 200
    html = vi_only.content.decode()
    assert "Đất đai" in html or "đất đai" in html
    assert "Hộ tịch" not in html and "Nghỉ Tết" not in html and "Sở Tư pháp" not in html
    assert "Land" not in html
    english = admin_client.get(url, {"q": "land", "locale": "en"}).content.decode()
    assert "Land" in english
    assert "Đất đai" not in english


def test_page_chooser_and_page_search_find_the_procedure(admin_client, content):
    for name in ("wagtailadmin_pages:search", "wagtailadmin_choose_page_search"):
        response = admin_client.get(reverse(name), {"q": "đất đai"})
        assert response.status_code == 200, name
        assert "Đăng ký đất đai lần đầu" in response.content.decode(), name


@pytest.mark.parametrize(
    ("listing", "title"),
    [
        ("wagtailimages:index_results", "Bản đồ đất đai"),
        ("wagtailimages_chooser:choose_results", "Bản đồ đất đai"),
        ("wagtaildocs:index_results", "Mẫu đơn đất đai"),
        ("wagtaildocs_chooser:choose_results", "Mẫu đơn đất đai"),
    ],
)
def test_image_and_document_search_find_the_file(admin_client, content, listing, title):
    response = admin_client.get(reverse(listing), {"q": "đất đai"})
    assert response.status_code == 200
    assert title in response.content.decode()
