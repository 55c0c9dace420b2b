"""Pages people read: the procedure page and the catalogue, with pinned query counts."""

import io
import logging

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cms_pages.models import ProcedurePage, Sector
from portal.management.commands.load_demo import CHATTY_LOGGERS
from tests.factories.catalogue import ProcedurePageFactory, SectorFactory
from tests.language import (
    MAX_ENGLISH_SHARE,
    main_text,
    vietnamese_share,
    vietnamese_words,
)

# Pinned budgets for the first render after an edit, when the chrome, the
# language versions and the page fragments are all cold. Raise a budget only
# for a new feature, never because a page has more rows. Every later render
# (warm fragments) costs 5 and 4: tests/catalogue/test_fragment_cache.py.
# The procedure page's own: its rows (4), the "Book a visit" check
# (appointment counters), its published questions and related procedures.
# Both pages here have no English version, so the language switcher looks
# up the English catalogue and the nearest translated ancestor (2, cached
# with the chrome afterwards). Menus, banners and both languages on a fuller
# site: tests/catalogue/test_cold_render.py.
# Before the front-cache round 24 each, after it 16 and 15 with the chrome
# warm; 24 and 21 cold before the cold-render round, 19 and 12 after it
# (docs/benchmarks.md).
PROCEDURE_PAGE_MAX_QUERIES = 19
CATALOGUE_PAGE_MAX_QUERIES = 12


def cold_fragments() -> None:
    """Forget the rendered fragments (as an edit does), keep Wagtail's caches."""
    caches["local"].clear()


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def queries_for(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response.content.decode()


def test_procedure_page_queries_do_not_grow_with_rows(
    site_tree, client, django_assert_max_num_queries
):
    _, catalogue = site_tree
    sector = SectorFactory()
    small = ProcedurePageFactory(parent=catalogue, sector=sector, documents=2, steps=2)
    large = ProcedurePageFactory(
        parent=catalogue, sector=sector, documents=20, steps=20, fees=5, legal_bases=8
    )
    client.get(small.url)  # warm the per-process caches (site root paths)
    client.get(large.url)
    cold_fragments()
    n_small, _ = queries_for(client, small.url)
    cold_fragments()
    n_large, html = queries_for(client, large.url)
    assert n_small == n_large
    cold_fragments()
    with django_assert_max_num_queries(PROCEDURE_PAGE_MAX_QUERIES):
        client.get(large.url)
    assert html.count("Tờ khai số") == 20
    assert html.count("Bước ") >= 20


def test_catalogue_queries_do_not_grow_with_procedures(
    site_tree, client, django_assert_max_num_queries
):
    _, catalogue = site_tree
    for _ in range(3):
        ProcedurePageFactory(parent=catalogue)
    client.get(catalogue.url)
    cold_fragments()
    n_few, _ = queries_for(client, catalogue.url)
    for _ in range(22):
        ProcedurePageFactory(parent=catalogue, documents=1, steps=1)
    # Publishing clears the per-process chrome cache: warm it again, as above.
    client.get(catalogue.url)
    cold_fragments()
    n_many, html = queries_for(client, catalogue.url)
    assert n_few == n_many
    cold_fragments()
    with django_assert_max_num_queries(CATALOGUE_PAGE_MAX_QUERIES):
        client.get(catalogue.url + "?level=province&page=2")
    assert "25 thủ tục" in html


def test_procedure_page_shows_what_a_citizen_needs(site_tree, client):
    _, catalogue = site_tree
    page = ProcedurePageFactory(
        parent=catalogue,
        code="1.234567",
        processing_time_days="0.5",
        online_service="none",
    )
    _, html = queries_for(client, page.url)
    for text in (
        "1.234567",
        page.title,
        page.agency.name,
        page.sector.name,
        "Trong ngày",
        "Tờ khai số 1",
        "Bước 1",
        "Nghị định số 1/2021/NĐ-CP",
        "50.000 đ",
        'lang="vi"',
    ):
        assert text in html, text


def test_catalogue_filters_by_sector(site_tree, client):
    _, catalogue = site_tree
    land = SectorFactory(name="Đất đai")
    ProcedurePageFactory(parent=catalogue, sector=land, title="Giao đất")
    ProcedurePageFactory(parent=catalogue, title="Đăng ký khai sinh")
    _, html = queries_for(client, f"{catalogue.url}?sector={land.slug}")
    assert "Giao đất" in html and "Đăng ký khai sinh" not in html
    assert "1 thủ tục" in html


@pytest.mark.smoke
@pytest.mark.django_db
def test_demo_loads_once_and_pages_render_in_both_languages(client, caplog):
    """The SQLite smoke run: demo content, then home, catalogue, a procedure, vi and en.

    Runs load_demo twice: the second run must change nothing.
    """
    with caplog.at_level(logging.INFO):
        output = load_demo()
    # `make run` says a few summary lines, not one per page or search request.
    assert len(output.splitlines()) <= 20, output
    chatty = [
        record
        for record in caplog.records
        if record.levelno < logging.WARNING
        and record.name.split(".")[0] in CHATTY_LOGGERS
    ]
    assert not chatty, chatty[:3]
    counts = (
        Page.objects.count(),
        ProcedurePage.objects.count(),
        Sector.objects.count(),
    )
    assert ProcedurePage.objects.filter(locale__language_code="vi").count() == 45
    load_demo()
    assert (
        Page.objects.count(),
        ProcedurePage.objects.count(),
        Sector.objects.count(),
    ) == counts

    for language, catalogue_title, name in (
        ("vi", "Thủ tục hành chính", "Đăng ký doanh nghiệp tư nhân"),
        ("en", "Administrative procedures", "Registration of a private enterprise"),
    ):
        home = client.get(f"/{language}/")
        assert home.status_code == 200
        procedure = ProcedurePage.objects.get(
            code="2.001612", locale__language_code=language
        )
        catalogue = procedure.get_parent()
        response = client.get(catalogue.url)
        assert response.status_code == 200
        assert catalogue_title in response.content.decode()
        response = client.get(procedure.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert name in html and f'lang="{language}"' in html
        # A translation says which page is authoritative, and links to it.
        assert ("authoritative version" in html) == (language == "en")

    # Every English procedure of the demo reads as English: Vietnamese-only
    # letters (legal document numbers, the "Tiếng Việt" link) stay under 2 %.
    english = ProcedurePage.objects.live().filter(locale__language_code="en")
    assert english.count() >= 16
    for page in english:
        html = client.get(page.url).content.decode()
        text = main_text(html)
        share = vietnamese_share(text)
        assert share <= MAX_ENGLISH_SHARE, (page.code, share, vietnamese_words(text))
        assert "not been translated into English yet" not in html, page.code
    # And the English home lists only English procedures, linking to /en/.
    home = client.get("/en/").content.decode()
    popular = home.split('id="popular-heading"')[1].split("</section>")[0]
    assert "/vi/" not in popular and popular.count("<li>") == 6


def test_catalogue_lists_procedures_in_vietnamese_dictionary_order(site_tree, client):
    """đ comes after d, ă/â after a; "Cho" after "Chấp", as in a dictionary."""
    _, catalogue = site_tree
    for title in ("Cho phép hoạt động", "Đăng ký", "Chấp thuận", "Cấp phép", "Duyệt"):
        ProcedurePageFactory(parent=catalogue, title=title)
    _, html = queries_for(client, catalogue.url)
    positions = [
        html.index(title)
        for title in (
            "Cấp phép",
            "Chấp thuận",
            "Cho phép hoạt động",
            "Duyệt",
            "Đăng ký",
        )
    ]
    assert positions == sorted(positions)


def test_second_view_skips_the_site_chrome_queries(site_tree, client):
    """Menus and banners come from the per-process cache on the second view."""
    _, catalogue = site_tree
    ProcedurePageFactory(parent=catalogue)
    cold, _ = queries_for(client, catalogue.url)
    warm, _ = queries_for(client, catalogue.url)
    assert warm < cold
