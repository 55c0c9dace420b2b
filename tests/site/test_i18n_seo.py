"""Both languages and search engines: switcher fallback, hreflang, sitemap, robots, JSON-LD."""

import json
import re

import pytest

from demo.site import translate_page
from portal.page_queries import public_page_url
from tests.factories.site import (
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_switcher_leads_to_translation_or_home_with_notice(
    client, site_tree, en, home_en
):
    home, _catalogue = site_tree
    translated = StandardPageFactory(parent=home, title="Giới thiệu", slug="gioi-thieu")
    translated_en = translate_page(translated, en, title="About us")
    only_vi = StandardPageFactory(
        parent=home, title="Chỉ tiếng Việt", slug="chi-tieng-viet"
    )

    html = client.get(translated.url).content.decode()
    assert f'href="{translated_en.url}" lang="en"' in html

    html = client.get(only_vi.url).content.decode()
    assert 'href="/en/?untranslated=1" lang="en"' in html

    notice = client.get("/en/?untranslated=1").content.decode()
    assert "not available in this language yet" in notice
    assert "not available" not in client.get("/en/").content.decode()


def test_vietnamese_home_notice_is_vietnamese(client, site_tree):
    html = client.get("/vi/?untranslated=1").content.decode()
    assert "chưa có bằng ngôn ngữ này" in html


def test_hreflang_canonical_and_open_graph(client, site_tree, en, home_en):
    home, _catalogue = site_tree
    page = StandardPageFactory(
        parent=home,
        title="Giới thiệu",
        slug="gioi-thieu",
        search_description="Mô tả trang",
    )
    page_en = translate_page(page, en, title="About us")
    html = client.get(page.url).content.decode()
    assert f'<link rel="canonical" href="{public_page_url(page)}">' in html
    assert (
        f'<link rel="alternate" hreflang="vi" href="{public_page_url(page)}">' in html
    )
    assert (
        f'<link rel="alternate" hreflang="en" href="{public_page_url(page_en)}">'
        in html
    )
    assert 'hreflang="x-default"' in html
    assert '<meta name="description" content="Mô tả trang">' in html
    assert '<meta property="og:title" content="Giới thiệu">' in html
    assert '<meta property="og:locale" content="vi_VN">' in html


def test_news_is_an_article_for_open_graph(client, site_tree):
    home, _catalogue = site_tree
    item = NewsPageFactory(
        parent=NewsIndexPageFactory(parent=home), intro="Trung tâm nghỉ Tết."
    )
    html = client.get(item.url).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="description" content="Trung tâm nghỉ Tết.">' in html


@pytest.mark.smoke
def test_sitemap_lists_both_languages(client, site_tree, en, home_en):
    home, catalogue = site_tree
    page = StandardPageFactory(parent=home, slug="gioi-thieu")
    page_en = translate_page(page, en, title="About us")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for url in (
        public_page_url(home),
        public_page_url(home_en),
        public_page_url(page),
        public_page_url(page_en),
        public_page_url(catalogue),
    ):
        assert f"<loc>{url}</loc>" in xml
    assert "/en/" in xml and "/vi/" in xml


def test_robots_points_to_sitemap_and_keeps_admin_out(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert re.search(r"^Sitemap: http://testserver/sitemap\.xml$", text, re.M)


@pytest.mark.smoke
def test_procedure_page_has_government_service_json_ld(client, roadmap_procedures):
    procedure = roadmap_procedures[0]
    html = client.get(procedure.url).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the procedure page"
    data = json.loads(match.group(1))
    assert data["@type"] == "GovernmentService"
    assert data["identifier"] == procedure.code
    assert data["provider"]["name"] == procedure.agency.name
    assert data["availableChannel"]["processingTime"] == "P35D"
    assert data["offers"][0]["priceCurrency"] == "VND"
    assert data["url"] == public_page_url(procedure)


def test_json_ld_cannot_break_out_of_script(client, roadmap_procedures):
    procedure = roadmap_procedures[0]
    procedure.title = "Thủ tục </script><script>alert(1)</script>"
    procedure.save_revision().publish()
    html = client.get(procedure.url).content.decode()
    assert "<script>alert(1)" not in html


def test_open_graph_image_from_the_promote_tab(client, site_tree):
    import wagtail_factories

    home, _catalogue = site_tree
    page = StandardPageFactory(
        parent=home, social_image=wagtail_factories.ImageFactory()
    )
    html = client.get(page.url).content.decode()
    assert '<meta property="og:image" content="http://testserver/' in html
    assert '<meta property="og:image:width" content="' in html
    assert 'name="twitter:card" content="summary_large_image"' in html
