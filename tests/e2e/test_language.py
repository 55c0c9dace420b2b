"""Switching language keeps the visitor on the same content when it is translated."""

import re

from playwright.sync_api import Page, expect

from . import key_pages


def test_switch_a_procedure_to_english_and_back(page: Page):
    vietnamese = key_pages.bilingual_procedure("vi")
    english = key_pages.bilingual_procedure("en")
    page.goto(key_pages.page_url(vietnamese))
    expect(page.locator("h1")).to_have_text(vietnamese.specific.name)

    page.locator(".language-switcher").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(re.escape(key_pages.page_url(english)) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(english.specific.name)
    expect(page.locator(".skip-link")).to_have_text("Skip to main content")

    page.locator(".language-switcher").get_by_role("link", name="Tiếng Việt").click()
    expect(page).to_have_url(
        re.compile(re.escape(key_pages.page_url(vietnamese)) + "$")
    )
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator(".skip-link")).to_have_text("Chuyển đến nội dung chính")


def test_switch_the_home_page(page: Page):
    page.goto("/vi/")
    page.locator(".language-switcher").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
