"""Search: completion in the home page's box, the results page and a facet."""

import re

from playwright.sync_api import Page, expect

from . import key_pages


def suggestions_for(page: Page, box_selector: str, text: str):
    """Type like a person into a search box and return its suggestion list."""
    box = page.locator(box_selector)
    box.click()
    box.press_sequentially(text, delay=60)
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    return box, listbox.get_by_role("option")


def test_pick_a_suggestion_with_the_keyboard(page: Page):
    page.goto(key_pages.home_url("vi"))
    box, options = suggestions_for(page, "#home-search", "khai sinh")
    expect(options.first).to_contain_text(re.compile("khai sinh", re.I))
    first = options.first.inner_text()
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute(
        "aria-activedescendant", options.first.get_attribute("id")
    )
    box.press("Enter")
    expect(page.locator("body")).to_have_class(re.compile("page-procedure"))
    # The option shows the name and then the code; the page is that procedure.
    code = page.locator(".procedure__code strong").inner_text()
    assert first.strip().endswith(code), (first, code)


def test_pick_a_suggestion_with_the_mouse_in_english(page: Page):
    page.goto(key_pages.home_url("en"))
    _box, options = suggestions_for(page, "#home-search", "birth")
    options.first.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("body")).to_have_class(re.compile("page-procedure"))


def test_search_then_narrow_with_a_facet(page: Page):
    page.goto(key_pages.home_url("vi"))
    box = page.locator("#home-search")
    box.fill("dang ky")  # without diacritics, as many people type
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/vi/tim-kiem/\?q=dang"))
    cards = page.locator(".search-results .card")
    expect(cards.first).to_be_visible()
    heading = page.locator("#results-heading")
    before = heading.inner_text()

    option = page.locator("form.facets fieldset.facet").first.locator("label").first
    expected = int(re.search(r"\((\d+)\)", option.inner_text()).group(1))
    value = option.locator("input").get_attribute("value")
    option.locator("input").check()  # applies at once with JavaScript
    expect(page).to_have_url(re.compile(rf"[?&]\w+={re.escape(value)}"))
    expect(heading).not_to_have_text(before)
    expect(heading).to_contain_text(str(expected))
    expect(page.locator(f"form.facets input[value='{value}']")).to_be_checked()
    expect(page.locator("#search-page-q")).to_have_value("dang ky")


def test_search_page_without_results_helps(page: Page):
    page.goto(key_pages.search_url("vi", "xyzzy qwerty"))
    expect(page.locator(".search-results .card")).to_have_count(0)
    expect(page.locator(".search-empty")).to_be_visible()
