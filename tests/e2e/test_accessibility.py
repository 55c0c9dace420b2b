"""WCAG 2.2 AA checks in the browser: axe-core on the key pages, in both languages,
and the checks axe cannot make (skip link, focus, reflow at 360 px and 200% zoom).
"""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from . import key_pages
from .axe import blocking, run_axe
from .conftest import ARTIFACTS


def open_url(url_for: Callable[[str], str]) -> Callable[[Page, str], None]:
    def open_page(tab: Page, language: str) -> None:
        response = tab.goto(url_for(language))
        assert response is not None and response.ok, f"{tab.url} answered {response}"

    return open_page


def open_wizard_step(tab: Page, language: str) -> None:
    """Start filing a dossier and stop on the first question page."""
    open_url(key_pages.wizard_start_url)(tab, language)
    tab.locator("main form button[type=submit]").click()
    expect(tab.locator("body")).to_have_class(re.compile(r"page-dossier--\w+"))


KEY_PAGES: dict[str, Callable[[Page, str], None]] = {
    "home": open_url(key_pages.home_url),
    "catalogue": open_url(key_pages.catalogue_url),
    "procedure": open_url(key_pages.procedure_url),
    "search": open_url(lambda language: key_pages.search_url(language, "giấy phép")),
    "wizard start": open_url(key_pages.wizard_start_url),
    "wizard step": open_wizard_step,
    "tracking": open_url(key_pages.tracking_url),
    "investment guide": open_url(key_pages.investment_guide_url),
    "editor-built form": open_url(key_pages.form_page_url),
}


@pytest.mark.parametrize("language", key_pages.LANGUAGES)
@pytest.mark.parametrize("name", list(KEY_PAGES))
def test_key_page_has_no_serious_axe_violation(
    page: Page, axe_source: str, name: str, language: str
):
    KEY_PAGES[name](page, language)
    assert page.locator("html").get_attribute("lang") == language
    problems = blocking(run_axe(page, axe_source))
    assert not problems, f"axe on {name} ({language}):\n" + "\n".join(
        map(str, problems)
    )


def test_form_errors_have_no_serious_axe_violation(page: Page, axe_source: str):
    """A wizard step sent empty: error summary, error messages, aria links."""
    open_wizard_step(page, "vi")
    page.locator("form .button-group button[type=submit]").click()
    if page.locator(".error-summary").count() == 0:  # a choice step: go on
        page.locator("main form input[type=radio]").first.check()
        page.locator("form .button-group button[type=submit]").click()
        page.locator("form .button-group button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    problems = blocking(run_axe(page, axe_source))
    assert not problems, "axe on a step with errors:\n" + "\n".join(map(str, problems))


@pytest.mark.parametrize("language", key_pages.LANGUAGES)
def test_editor_built_form_errors_are_summarised_at_the_top(
    page: Page, axe_source: str, language: str
):
    page.goto(key_pages.form_page_url(language))
    first_text = page.locator(
        "form.cms-form input[type=text]:not([name=website])"
    ).first
    first_text.fill("Nguyễn Văn An")
    page.locator("form.cms-form button[type=submit]").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert page.evaluate(
        "() => document.querySelector('.error-summary').compareDocumentPosition("
        "document.querySelector('form.cms-form')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    # What was typed is still there, and each summary link leads to its field.
    expect(
        page.locator("form.cms-form input[type=text]:not([name=website])").first
    ).to_have_value("Nguyễn Văn An")
    link = summary.locator("a").first
    target = link.get_attribute("href")
    link.click()
    expect(page.locator(target)).to_be_focused()
    problems = blocking(run_axe(page, axe_source))
    assert not problems, "axe on a form with errors:\n" + "\n".join(map(str, problems))


def test_axe_reports_a_real_violation(page: Page, axe_source: str):
    """The check itself works: an unlabelled field on a grey background is caught."""
    page.goto(key_pages.home_url("vi"))
    page.evaluate(
        """() => {
            const main = document.querySelector('main');
            main.insertAdjacentHTML('beforeend',
                '<input type="text" id="unlabelled">' +
                '<p style="color:#bbb;background:#fff">low contrast</p>');
        }"""
    )
    rules = {v.rule for v in blocking(run_axe(page, axe_source))}
    assert {"label", "color-contrast"} <= rules


@pytest.mark.parametrize("language", key_pages.LANGUAGES)
def test_skip_link_is_first_and_moves_focus_to_main(page: Page, language: str):
    page.goto(key_pages.catalogue_url(language))
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_attribute("href", "#main")
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_page_has_the_landmarks(page: Page):
    page.goto(key_pages.catalogue_url("vi"))
    expect(page.get_by_role("banner")).to_have_count(1)
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("contentinfo")).to_have_count(1)
    expect(page.get_by_role("search").first).to_be_visible()
    assert page.get_by_role("navigation").count() >= 1


def test_keyboard_focus_is_always_visible(page: Page):
    """Tab through the first controls: each one shows an outline or a ring."""
    page.goto(key_pages.catalogue_url("vi"))
    for _ in range(12):
        page.keyboard.press("Tab")
        style = page.evaluate(
            """() => {
                const el = document.activeElement;
                const s = getComputedStyle(el);
                return {tag: el.tagName, text: (el.textContent || el.name || '').trim().slice(0, 40),
                        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                        ring: s.boxShadow !== 'none'};
            }"""
        )
        if style["tag"] == "BODY":  # went round past the last control
            continue
        assert style["outline"] or style["ring"], f"no visible focus on {style}"


REFLOW_VIEWPORTS = {
    # A 360 px phone, and a 1280 px desktop window zoomed to 200%
    # (WCAG 1.4.10 reflow and 1.4.4 resize text).
    "phone-360": {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2},
    "zoom-200": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
}


@pytest.mark.parametrize("viewport", list(REFLOW_VIEWPORTS))
@pytest.mark.parametrize("name", list(KEY_PAGES))
def test_no_horizontal_scrolling(new_tab, name: str, viewport: str):
    tab = new_tab(**REFLOW_VIEWPORTS[viewport])
    KEY_PAGES[name](tab, "vi")
    overflow = tab.evaluate(
        """() => {
            const doc = document.documentElement;
            const wide = [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > doc.clientWidth + 1)
                .filter(el => !el.closest('.visually-hidden, .skip-link, .table-wrap'))
                .slice(0, 5).map(el => el.tagName + '.' + el.className);
            return {scroll: doc.scrollWidth, width: doc.clientWidth, wide};
        }"""
    )
    # Kept for a person to look at (WCAG reflow is also about what you see).
    shots = ARTIFACTS / "reflow"
    shots.mkdir(parents=True, exist_ok=True)
    tab.screenshot(
        path=str(shots / f"{name.replace(' ', '-')}-{viewport}.png"), full_page=True
    )
    assert overflow["scroll"] <= overflow["width"], (
        f"{name} scrolls sideways at {viewport}: {overflow}"
    )
