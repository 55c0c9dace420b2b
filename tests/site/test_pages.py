"""Every page type renders in both languages; the home page, banner and menus."""

import json
import re

import pytest
from wagtail import hooks

from demo.site import translate_page
from tests.factories.site import (
    AlertBannerFactory,
    ContactPageFactory,
    FormPageFactory,
    InvestmentGuidePageFactory,
    InvestmentIndexPageFactory,
    InvestmentProjectIndexPageFactory,
    InvestmentProjectPageFactory,
    NavigationMenuFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    journey_body,
)

pytestmark = pytest.mark.django_db

# English UI phrases that must never show on a Vietnamese page.
ENGLISH_UI = [
    "Indicative total time",
    "Processing time",
    "Agency",
    "Filter",
    "Location",
    "Status",
    "Contact",
    "Send",
    "optional",
    "Opening hours",
    "News and announcements",
    "Most used procedures",
    "What do you want to do?",
    "Skip to main content",
    "Search",
    "Breadcrumb",
    "Home",
    "Apply filters",
    "Important notice",
    "Main menu",
    "Step ",
]


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<head>.*?</head>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def all_pages(site_tree, roadmap_procedures):
    home, _catalogue = site_tree
    section = InvestmentIndexPageFactory(parent=home)
    guide = InvestmentGuidePageFactory(
        parent=section, body=journey_body(roadmap_procedures)
    )
    projects = InvestmentProjectIndexPageFactory(parent=section)
    project = InvestmentProjectPageFactory(
        parent=projects, incentives="<p>Miễn tiền thuê đất.</p>"
    )
    news_index = NewsIndexPageFactory(parent=home)
    news = NewsPageFactory(parent=news_index)
    contact = ContactPageFactory(parent=home)
    form = FormPageFactory(parent=contact)
    standard = StandardPageFactory(parent=home)
    return [
        home,
        section,
        guide,
        projects,
        project,
        news_index,
        news,
        contact,
        form,
        standard,
    ]


@pytest.mark.smoke
def test_every_page_type_renders_in_vietnamese_without_english(client, all_pages):
    AlertBannerFactory()
    for page in all_pages:
        response = client.get(page.url)
        assert response.status_code == 200, page
        text = visible_text(response.content.decode())
        leaks = [
            phrase
            for phrase in ENGLISH_UI
            if re.search(rf"\b{re.escape(phrase)}", text)
        ]
        assert not leaks, (
            f"{page.specific_class.__name__}: English on a Vietnamese page: {leaks}"
        )


def test_every_page_type_renders_in_english(client, all_pages, en, home_en):
    for page in all_pages[1:]:
        translated = translate_page(page, en, title=f"EN {page.title}")
        response = client.get(translated.url)
        assert response.status_code == 200, page
        html = response.content.decode()
        assert '<html lang="en">' in html
        assert f"EN {page.title}" in html


def test_project_list_filters(client, site_tree):
    home, _catalogue = site_tree
    projects = InvestmentProjectIndexPageFactory(
        parent=InvestmentIndexPageFactory(parent=home)
    )
    InvestmentProjectPageFactory(
        parent=projects,
        title="Khu công nghiệp A",
        sector="industry",
        location="Huyện A",
    )
    InvestmentProjectPageFactory(
        parent=projects,
        title="Khu du lịch B",
        sector="tourism",
        location="Huyện B",
        status="selecting",
    )
    html = client.get(projects.url).content.decode()
    assert "Khu công nghiệp A" in html and "Khu du lịch B" in html
    assert "2 dự án" in html
    html = client.get(projects.url, {"sector": "tourism"}).content.decode()
    assert "Khu du lịch B" in html and "Khu công nghiệp A" not in html
    assert "1 dự án" in html
    # The location facet counts with the sector filter applied.
    assert 'value="Huyện B"' in html and 'value="Huyện A"' not in html
    html = client.get(projects.url, {"status": "nonsense"}).content.decode()
    assert "0 dự án" in html


def test_news_index_filters_by_kind(client, site_tree):
    home, _catalogue = site_tree
    index = NewsIndexPageFactory(parent=home)
    NewsPageFactory(parent=index, title="Tin A", kind="news")
    NewsPageFactory(parent=index, title="Thông báo B", kind="announcement")
    html = client.get(index.url, {"kind": "announcement"}).content.decode()
    assert "Thông báo B" in html and "Tin A" not in html
    assert client.get(index.url, {"kind": "x", "page": "999"}).status_code == 200


@pytest.mark.smoke
def test_home_page_life_events_popular_news(client, site_tree, roadmap_procedures):
    home, catalogue = site_tree
    section = InvestmentIndexPageFactory(parent=home)
    sector = roadmap_procedures[0].sector
    home.entry_points = json.dumps(
        [
            {
                "type": "entry_point",
                "value": {
                    "title": "Thành lập doanh nghiệp",
                    "text": "",
                    "page": None,
                    "sector": sector.pk,
                    "search": "",
                },
            },
            {
                "type": "entry_point",
                "value": {
                    "title": "Đầu tư dự án",
                    "text": "",
                    "page": section.pk,
                    "sector": None,
                    "search": "",
                },
            },
            {
                "type": "entry_point",
                "value": {
                    "title": "Xây nhà",
                    "text": "",
                    "page": None,
                    "sector": None,
                    "search": "xây nhà",
                },
            },
        ]
    )
    home.popular_procedures = json.dumps(
        [{"type": "procedure", "value": roadmap_procedures[1].pk}]
    )
    home.save_revision().publish()
    NewsPageFactory(parent=NewsIndexPageFactory(parent=home), title="Tin mới nhất")
    html = client.get("/vi/").content.decode()
    assert html.index('id="home-search"') < html.index("Thành lập doanh nghiệp")
    assert f'href="{catalogue.url}?sector={sector.slug}"' in html
    assert f'href="{section.url}"' in html
    assert 'href="/vi/tim-kiem/?q=x%C3%A2y+nh%C3%A0"' in html
    assert roadmap_procedures[1].url in html
    assert "Tin mới nhất" in html
    assert "home-statistics" not in html


def test_home_statistics_hook(client, site_tree):
    def figures(request):
        return [{"label": "Hồ sơ đã tiếp nhận", "value": "12.345"}]

    with hooks.register_temporarily("portal_home_statistics", figures):
        html = client.get("/vi/").content.decode()
    assert "home-statistics" in html and "12.345" in html


def test_alert_banner_and_menus(client, site_tree, en, home_en):
    home, catalogue = site_tree
    banner = AlertBannerFactory(title="Lịch nghỉ Tết")
    banner_en = banner.copy_for_translation(en)
    banner_en.title = "Tết opening hours"
    banner_en.save()
    AlertBannerFactory(title="Tắt rồi", active=False)
    NavigationMenuFactory(
        links=json.dumps(
            [{"type": "link", "value": {"text": "", "page": catalogue.pk, "url": ""}}]
        )
    )
    NavigationMenuFactory(
        location="footer",
        title="Liên kết",
        links=json.dumps(
            [
                {
                    "type": "link",
                    "value": {
                        "text": "Cổng Dịch vụ công quốc gia",
                        "page": None,
                        "url": "https://dichvucong.gov.vn",
                    },
                }
            ]
        ),
    )
    catalogue_en = translate_page(catalogue, en, title="Administrative procedures")
    html = client.get("/vi/").content.decode()
    assert "Lịch nghỉ Tết" in html and "Tắt rồi" not in html
    assert f'<a href="{catalogue.url}"' in html and "Thủ tục hành chính" in html
    assert "https://dichvucong.gov.vn" in html
    html_en = client.get("/en/").content.decode()
    assert "Tết opening hours" in html_en and "Lịch nghỉ Tết" not in html_en
    # The menu is not translated yet: its links still lead to the English pages.
    assert f'<a href="{catalogue_en.url}"' in html_en


def test_main_menu_marks_the_current_section(client, site_tree):
    home, catalogue = site_tree
    section = InvestmentIndexPageFactory(parent=home)
    projects = InvestmentProjectIndexPageFactory(parent=section)
    NavigationMenuFactory(
        links=json.dumps(
            [
                {
                    "type": "link",
                    "value": {"text": "", "page": catalogue.pk, "url": ""},
                },
                {"type": "link", "value": {"text": "", "page": section.pk, "url": ""}},
            ]
        )
    )
    html = client.get(projects.url).content.decode()
    assert f'<a href="{section.url}" aria-current="true">' in html
    assert f'<a href="{catalogue.url}">' in html
    html = client.get(section.url).content.decode()
    assert f'<a href="{section.url}" aria-current="page">' in html


def test_home_page_query_count(
    client, site_tree, roadmap_procedures, django_assert_max_num_queries
):
    home, _catalogue = site_tree
    sector = roadmap_procedures[0].sector
    tiles = [
        {
            "type": "entry_point",
            "value": {
                "title": f"Ô {i}",
                "text": "",
                "page": None,
                "sector": sector.pk,
                "search": "",
            },
        }
        for i in range(8)
    ]
    home.entry_points = json.dumps(tiles)
    home.popular_procedures = json.dumps(
        [{"type": "procedure", "value": p.pk} for p in roadmap_procedures]
    )
    home.save_revision().publish()
    NavigationMenuFactory(
        links=json.dumps(
            [
                {"type": "link", "value": {"text": "", "page": p.pk, "url": ""}}
                for p in roadmap_procedures
            ]
        )
    )
    client.get("/vi/")
    # Tiles, procedures and menu links are resolved in batches: the count does
    # not grow with their number.
    with django_assert_max_num_queries(45):
        assert client.get("/vi/").status_code == 200
