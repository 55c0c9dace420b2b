"""Reading a procedure: from the catalogue, narrowed by a facet, to one procedure page."""

import re

from playwright.sync_api import Page, expect

from . import key_pages


def test_catalogue_facet_then_read_a_procedure(page: Page):
    page.goto(key_pages.catalogue_url("vi"))
    expect(page.locator("h1")).to_be_visible()
    count = page.locator(".card").count()
    assert count > 0, "the catalogue shows no procedure"
    heading = page.locator("#results-heading")
    all_text = heading.inner_text()

    # Narrow by the first sector offered; the page reloads with fewer results.
    sector = page.locator("fieldset.facet").first.locator("input[type=checkbox]").first
    sector_value = sector.get_attribute("value")
    sector_count = int(
        re.search(r"\((\d+)\)", sector.locator("xpath=..").inner_text()).group(1)
    )
    sector.check()
    page.locator("form.facets button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"[?&]\w+={re.escape(sector_value)}"))
    expect(heading).not_to_have_text(all_text)
    expect(page.locator(".card")).to_have_count(min(sector_count, 20))

    # Open the first procedure of that sector.
    link = page.locator(".card__title a").first
    title = link.inner_text().strip()
    link.click()
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator(".procedure__code strong")).to_have_text(re.compile(r"\d"))
    expect(page.locator("#documents-heading")).to_be_visible()
    assert page.locator(".documents-table tbody tr").count() >= 1
    assert page.locator("ol.steps li").count() >= 1
    expect(page.locator(".glance-grid")).to_contain_text(
        "ngày"
    )  # processing time in Vietnamese

    # The print button only appears with JavaScript, which is on here.
    expect(page.locator("[data-print]")).to_be_visible()

    # The breadcrumb leads back to the catalogue.
    page.locator(".breadcrumbs a").nth(1).click()
    expect(page).to_have_url(re.compile(r"/vi/thu-tuc/$"))


def test_procedure_page_answers_in_english(page: Page):
    page.goto(key_pages.procedure_url("en"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#documents-heading")).to_have_text("Documents to prepare")
