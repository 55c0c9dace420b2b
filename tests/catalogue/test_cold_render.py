"""The first render after an edit: every edit empties the chrome cache and the
page fragments (cms_pages.signals), so the procedure page, the catalogue and
the home page then read everything they show. Their query counts are pinned
here, in Vietnamese and English, on a site with what the chrome and those
pages show (menus linking to pages, a banner, home tiles, popular
procedures, news, published questions, a counter), and stay the same when
there is more of each.

Warm renders (fragments cached): tests/catalogue/test_fragment_cache.py.
"""

import json

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms_pages.models import HomePage, NewsIndexPage, ProcedureIndexPage, StandardPage
from tests.editorial.test_translations import (  # noqa: F401 - shared fixture
    procedure_translation,
)
from tests.factories.appointments import CounterFactory
from tests.factories.catalogue import ProcedurePageFactory, SectorFactory
from tests.factories.questions import published
from tests.factories.site import (
    AlertBannerFactory,
    NavigationMenuFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
)
from tests.site.conftest import en, home_en  # noqa: F401 - shared fixtures

# Queries of a render with the chrome cache and every fragment empty (tests:
# locmem caches, so Wagtail's site root paths and the statistics cost none).
# Every page: Wagtail's routing (site, active locale, [the English home,]
# the home page's specific row, one query per further page on the path),
# centre settings, the page's language versions, the site's locales, the
# menus, their pages, the alert banners. Wagtail's view-restriction check
# costs nothing for pages our routing read (no restriction and no alias on
# their path), one query on the home page and on an alias (this fixture's
# English catalogue, made by copy_for_translation(copy_parents=True)).
COLD_QUERIES = {
    # + the rows (4), the "Book a visit" check, published questions, related
    # procedures; in English also the Vietnamese page the gaps compare with
    # and wagtail-localize's translation progress (2).
    ("procedure", "vi"): 18,
    ("procedure", "en"): 23,
    # + the procedures' facet values (the listing and every facet's counts),
    # the cards of the page shown.
    ("catalogue", "vi"): 12,
    ("catalogue", "en"): 14,
    # + the catalogue and news index, the tiles' pages and sectors, popular
    # procedures, latest news.
    ("home", "vi"): 15,
    ("home", "en"): 16,
}


def cold_count(client, url: str) -> int:
    """Queries of rendering `url` right after an edit emptied the chrome cache."""
    client.get(url)  # Wagtail's own caches (site root paths), as on a live site
    caches["local"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


def link(page) -> dict:
    return {"type": "link", "value": {"text": "", "page": page.pk, "url": ""}}


def add_content(pages: dict, n: int) -> None:
    """`n` more of everything the three pages list or link to."""
    catalogue = pages["catalogue", "vi"]
    sector = pages["procedure", "vi"].sector
    procedures = [
        ProcedurePageFactory(parent=catalogue, sector=sector, fees=2, documents=3)
        for _ in range(n)
    ]
    others = [
        ProcedurePageFactory(parent=catalogue, sector=SectorFactory()) for _ in range(n)
    ]
    for location in ("header", "footer"):
        NavigationMenuFactory(
            location=location, links=json.dumps([link(p) for p in procedures])
        )
    AlertBannerFactory(title=f"Thông báo {n}")
    for question in range(n):
        published(procedure=pages["procedure", "vi"], subject=f"Câu hỏi {question}")
    CounterFactory(sectors=[sector], agencies=[p.agency for p in others])
    tiles = [
        {
            "type": "entry_point",
            "value": {
                "title": f"Ô {p.pk} {kind}",
                "text": "",
                "page": p.pk if kind == "page" else None,
                "sector": p.sector_id,
                "search": "",
            },
        }
        for p in others
        for kind in ("page", "sector")
    ]
    # Both home pages choose the Vietnamese pages and sectors; the English
    # one shows their English versions where there are some.
    popular = [pages["procedure", "vi"], *procedures]
    for key in (("home", "vi"), ("home", "en")):
        home = HomePage.objects.get(pk=pages[key].pk)
        home.entry_points = json.dumps(list(home.entry_points.raw_data) + tiles)
        home.popular_procedures = json.dumps(
            [{"type": "procedure", "value": p.pk} for p in popular]
        )
        home.save_revision().publish()
    news_index = pages["news"]
    for _ in range(n):
        NewsPageFactory(parent=news_index)


@pytest.fixture
def pages(site_tree, procedure_translation, en, make_dossier):  # noqa: F811
    """The six pages measured, on a site with one of everything they show (and
    a dossier: the home page's statistics are then kept in the shared cache)."""
    make_dossier()
    home, catalogue = site_tree
    english = procedure_translation.get_target_instance()
    vietnamese = english.get_translation(home.locale)
    catalogue_en = ProcedureIndexPage.objects.get(locale=en)
    found = {
        ("procedure", "vi"): vietnamese.specific,
        ("procedure", "en"): english.specific,
        ("catalogue", "vi"): catalogue,
        ("catalogue", "en"): catalogue_en,
        ("home", "vi"): home,
        ("home", "en"): HomePage.objects.get(locale=en),
        "news": NewsIndexPageFactory(parent=home),
    }
    add_content(found, 1)
    return found


def test_cold_renders_stay_within_their_budgets(client, pages):
    counts = {key: cold_count(client, pages[key].url) for key in COLD_QUERIES}
    over = {key: n for key, n in counts.items() if n > COLD_QUERIES[key]}
    assert not over, counts


def test_cold_renders_do_not_grow_with_content(client, pages):
    before = {key: cold_count(client, pages[key].url) for key in COLD_QUERIES}
    add_content(pages, 6)
    after = {key: cold_count(client, pages[key].url) for key in COLD_QUERIES}
    assert after == before
    html = client.get(pages["home", "vi"].url).content.decode()
    assert html.count('class="tile"') == 14
    assert html.count('class="link-list__meta"') == 7  # popular procedures
    html = client.get(pages["home", "en"].url).content.decode()
    assert html.count('class="tile"') == 14
    assert html.count('class="link-list__meta"') == 1  # the one in English


def test_a_slug_taken_over_by_another_page_type_is_served_as_that_type(
    client, site_tree
):
    """Routing remembers each child's page type to read it in one query; a
    page of another type under the same address is still served as itself."""
    home, _catalogue = site_tree
    first = StandardPageFactory(parent=home, slug="gioi-thieu", title="Giới thiệu")
    response = client.get(first.url)
    assert type(response.context["page"]) is StandardPage
    assert type(client.get(first.url).context["page"]) is StandardPage  # hinted
    first.delete()
    second = NewsIndexPageFactory(parent=home, slug="gioi-thieu", title="Tin tức")
    response = client.get(second.url)
    assert response.status_code == 200
    assert type(response.context["page"]) is NewsIndexPage
    assert "Tin tức" in response.content.decode()
