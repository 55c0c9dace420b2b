"""Cached page fragments never outlive an edit: what an editor publishes or
saves shows on the next uncached render of the procedure page, the catalogue
and the home page, and a render from warm fragments costs few queries."""

from urllib.parse import urlencode

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site
from wagtail_localize.models import StringTranslation

from cms_pages.chrome import NavigationMenu
from cms_pages.models import CentreSettings
from portal.questions.workflow import perform
from tests.editorial.test_translations import (  # noqa: F401 - shared fixture
    english_page_html,
    procedure_translation,
)
from tests.factories.appointments import CounterFactory
from tests.factories.backoffice import UserFactory
from tests.factories.catalogue import ProcedurePageFactory, SectorFactory
from tests.factories.eforms import EFormFactory
from tests.factories.questions import answered
from tests.factories.site import AlertBannerFactory
from tests.site.conftest import en, home_en  # noqa: F401 - shared fixtures

# Warm fragments, locmem caches (tests): Wagtail's routing (site, locale, the
# home page's specific row, one query per further page on the path; the
# view-restriction check costs none on pages our routing read), nothing
# else. The home page adds its view-restriction check and the statistics'
# 3, which a site without any dossier recomputes on every view
# (portal/transparency/wagtail_hooks.py); with dossiers they come from the
# shared cache. 8, 7 and 8 before the cold-render round.
PROCEDURE_PAGE_WARM_QUERIES = 5
CATALOGUE_WARM_QUERIES = 4
HOME_WARM_QUERIES = 7


def render(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response.content.decode()


def publish(page, capture, **changes) -> None:
    """Change fields and publish, as the editor's Publish button does."""
    for name, value in changes.items():
        setattr(page, name, value)
    with capture(execute=True):
        page.save_revision().publish()


@pytest.fixture
def procedure(site_tree):
    _, catalogue = site_tree
    return ProcedurePageFactory(parent=catalogue, documents=2, steps=2, fees=1)


def test_published_procedure_change_shows_at_once(
    procedure, client, django_capture_on_commit_callbacks
):
    render(client, procedure.url)
    _, html = render(client, procedure.url)  # from the fragment cache
    assert "Kết quả mới" not in html
    publish(procedure, django_capture_on_commit_callbacks, result="Kết quả mới")
    _, html = render(client, procedure.url)
    assert "Kết quả mới" in html


def test_rows_and_related_procedures_follow_publishing(
    procedure, site_tree, client, django_capture_on_commit_callbacks
):
    _, catalogue = site_tree
    render(client, procedure.url)
    steps = list(procedure.steps.all())
    steps[0].text = "Bước đã sửa"
    # As the editor's form does: the page's in-memory rows go into the revision.
    publish(procedure, django_capture_on_commit_callbacks, steps=steps)
    assert "Bước đã sửa" in render(client, procedure.url)[1]
    with django_capture_on_commit_callbacks(execute=True):
        other = ProcedurePageFactory(
            parent=catalogue, sector=procedure.sector, title="Thủ tục liên quan mới"
        )
    assert "Thủ tục liên quan mới" in render(client, procedure.url)[1]
    assert "Thủ tục liên quan mới" in render(client, catalogue.url)[1]
    with django_capture_on_commit_callbacks(execute=True):
        other.unpublish()
    assert "Thủ tục liên quan mới" not in render(client, procedure.url)[1]
    assert "Thủ tục liên quan mới" not in render(client, catalogue.url)[1]


def test_snippet_edits_show_on_the_next_render(
    procedure, client, django_capture_on_commit_callbacks
):
    render(client, procedure.url)
    with django_capture_on_commit_callbacks(execute=True):
        procedure.sector.name = "Lĩnh vực đổi tên"
        procedure.sector.save()
        AlertBannerFactory(title="Nghỉ Tết từ 14/2")
        NavigationMenu.objects.create(
            location="header",
            title="Menu chính",
            links=[("link", {"url": "/vi/lien-he/", "text": "Liên hệ trung tâm"})],
        )
    html = render(client, procedure.url)[1]
    for text in ("Lĩnh vực đổi tên", "Nghỉ Tết từ 14/2", "Liên hệ trung tâm"):
        assert text in html, text


def test_home_page_follows_publishing(
    site_tree, client, django_capture_on_commit_callbacks
):
    home, _ = site_tree
    render(client, "/vi/")
    publish(home, django_capture_on_commit_callbacks, hero_title="Chào mừng mới")
    assert "Chào mừng mới" in render(client, "/vi/")[1]


def test_warm_renders_cost_a_fixed_few_queries(procedure, site_tree, client):
    """Within the issue's 12 per page (docs/benchmarks.md), with room to spare."""
    _, catalogue = site_tree
    for url, budget in (
        (procedure.url, PROCEDURE_PAGE_WARM_QUERIES),
        (catalogue.url, CATALOGUE_WARM_QUERIES),
        ("/vi/", HOME_WARM_QUERIES),
    ):
        render(client, url)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        assert len(ctx.captured_queries) <= budget, [
            q["sql"][:150] for q in ctx.captured_queries
        ]


def test_cold_procedure_render_does_not_grow_with_rows(site_tree, client):
    _, catalogue = site_tree
    sector = SectorFactory()
    small = ProcedurePageFactory(parent=catalogue, sector=sector, documents=1, steps=1)
    large = ProcedurePageFactory(
        parent=catalogue, sector=sector, documents=20, steps=20, fees=5, legal_bases=8
    )
    render(client, small.url)  # Wagtail's site root paths, templates
    caches["local"].clear()
    n_small, _ = render(client, small.url)
    caches["local"].clear()
    n_large, html = render(client, large.url)
    assert n_small == n_large
    assert html.count("Tờ khai số") == 20


def test_preview_shows_the_draft_not_the_cached_live_page(procedure, client):
    render(client, procedure.url)
    procedure.result = "Kết quả bản nháp"
    response = procedure.make_preview_request()
    assert "Kết quả bản nháp" in response.content.decode()
    # The preview cached nothing either.
    assert "Kết quả bản nháp" not in render(client, procedure.url)[1]


def test_centre_and_agency_edits_show_on_the_next_render(
    procedure, client, django_capture_on_commit_callbacks
):
    render(client, procedure.url)
    with django_capture_on_commit_callbacks(execute=True):
        centre = CentreSettings.for_site(Site.objects.get(is_default_site=True))
        centre.hotline = "0299 123 4567"
        centre.save()
        procedure.agency.name = "Sở Tư pháp đổi tên"
        procedure.agency.save()
    html = render(client, procedure.url)[1]
    assert "0299 123 4567" in html  # the cached footer
    assert "Sở Tư pháp đổi tên" in html  # the cached glance and JSON-LD


def test_a_fee_row_saved_outside_publishing_shows(
    procedure, client, django_capture_on_commit_callbacks
):
    render(client, procedure.url)
    fee = procedure.fees.get()
    fee.label = "Lệ phí đã sửa"
    with django_capture_on_commit_callbacks(execute=True):
        fee.save()
    assert "Lệ phí đã sửa" in render(client, procedure.url)[1]


def test_questions_published_and_unpublished_show_at_once(
    procedure, client, django_capture_on_commit_callbacks
):
    question = answered(
        procedure=procedure, procedure_code=procedure.code, allow_publication=True
    )
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert "Câu hỏi được công khai" not in render(client, procedure.url)[1]

    def moderate(publish: bool, subject: str) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            perform(
                question,
                "moderate",
                superuser,
                public_subject=subject,
                public_body="Tôi cần mang giấy tờ gì?",
                publish=publish,
            )

    moderate(True, "Câu hỏi được công khai")
    assert "Câu hỏi được công khai" in render(client, procedure.url)[1]
    moderate(True, "Câu hỏi đã sửa tiêu đề")  # a published text edited
    html = render(client, procedure.url)[1]
    assert "Câu hỏi đã sửa tiêu đề" in html and "được công khai" not in html
    moderate(False, "Câu hỏi đã sửa tiêu đề")
    assert "Câu hỏi đã sửa tiêu đề" not in render(client, procedure.url)[1]


def test_counters_decide_the_book_a_visit_link_at_once(
    procedure, client, django_capture_on_commit_callbacks
):
    with translation.override("vi"):
        book = reverse("appointments:book", kwargs={"procedure_code": procedure.code})
    counter = CounterFactory(sectors=[SectorFactory()])
    assert book not in render(client, procedure.url)[1]
    with django_capture_on_commit_callbacks(execute=True):
        counter.agencies.add(procedure.agency)  # the counter alone is not saved
    assert book in render(client, procedure.url)[1]
    counter.accepts_bookings = False
    with django_capture_on_commit_callbacks(execute=True):
        counter.save()
    assert book not in render(client, procedure.url)[1]


def test_the_e_form_line_follows_the_e_form_snippet(
    site_tree, client, django_capture_on_commit_callbacks
):
    _, catalogue = site_tree
    eform = EFormFactory(title="Tờ khai đăng ký khai sinh")
    procedure = ProcedurePageFactory(parent=catalogue, eform=eform)
    assert "Tờ khai đăng ký khai sinh" in render(client, procedure.url)[1]
    eform.title = "Tờ khai khai sinh (mẫu mới)"
    with django_capture_on_commit_callbacks(execute=True):
        eform.save()
    assert "Tờ khai khai sinh (mẫu mới)" in render(client, procedure.url)[1]
    with django_capture_on_commit_callbacks(execute=True):
        eform.unpublish()
    assert "Tờ khai khai sinh (mẫu mới)" not in render(client, procedure.url)[1]


def test_a_string_left_untranslated_brings_the_notice_back_at_once(
    client,
    procedure_translation,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
):
    """The translation state changes without a publish of the English page."""
    assert "Vietnamese only" not in english_page_html(client, procedure_translation)
    missing = StringTranslation.objects.filter(
        locale=procedure_translation.target_locale
    )[:1].get()
    with django_capture_on_commit_callbacks(execute=True):
        missing.delete()
    assert "Vietnamese only" in english_page_html(client, procedure_translation)


def test_a_bulk_write_empties_the_fragments_once_at_its_end(
    site_tree, django_capture_on_commit_callbacks
):
    """The catalogue import saves thousands of rows in one batch: the cache
    (a FLUSHDB each under Redis) is emptied when the batch ends, not on
    every save, and still before the transaction commits and after it."""
    from cms_pages import bulk_writes
    from cms_pages.templatetags.site_tags import chrome_cache

    cache = chrome_cache()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        cache.set("marker", 1)
        with bulk_writes.bulk_write():
            for name in ("Hộ tịch", "Đất đai", "Xây dựng"):
                sector = SectorFactory(name=name)
                sector.name += " (sửa)"
                sector.save()
            assert cache.get("marker") == 1  # nothing emptied inside the batch
        assert cache.get("marker") is None  # emptied once at the end
        cache.set("marker", 2)
    assert cache.get("marker") is None  # and again on commit
    clears = [c for c in callbacks if getattr(c, "__self__", None) is cache]
    assert len(clears) == 1


@pytest.mark.parametrize(
    "query",
    [
        {"page": "99999999999999999999"},
        {"page": "2x"},
        {"sector": "Không phải slug <script>"},
        {"level": "galaxy"},
        {"agency": [f"co-quan-{n}" for n in range(30)]},
    ],
)
def test_made_up_catalogue_queries_are_rendered_not_cached(
    client, site_tree, procedure, query
):
    """One cached copy per invented value would let anyone fill the cache:
    such listings render (200, no error) but every render reads the data."""
    _, catalogue = site_tree
    render(client, catalogue.url)  # the chrome's own caches are warm now
    url = catalogue.url + "?" + urlencode(query, doseq=True)
    first, _html = render(client, url)
    second, _html = render(client, url)
    assert second == first > CATALOGUE_WARM_QUERIES


def test_a_listing_a_visitor_can_click_to_is_cached(client, site_tree, procedure):
    _, catalogue = site_tree
    render(client, catalogue.url)  # the chrome's own caches are warm now
    url = f"{catalogue.url}?sector={procedure.sector.slug}&level=province&page=1"
    first, _html = render(client, url)
    second, _html = render(client, url)
    assert second < first
