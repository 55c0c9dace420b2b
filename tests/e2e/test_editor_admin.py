"""An editor in the admin, in the browser: Vietnamese whatever the browser
says, the slug written from the title as it is typed, every tab of a long
Vietnamese form reachable with the side panel open."""

import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import Page, expect

from . import key_pages

PASSWORD = "mat-khau-thu-nghiem-2026"  # noqa: S105 - a test account


@pytest.fixture
def editor(new_tab) -> Page:
    """A tab logged into the admin by a fresh superuser, from an English browser."""
    username = f"bientap-{uuid.uuid4().hex[:8]}"
    get_user_model().objects.create_superuser(
        username, f"{username}@example.vn", PASSWORD
    )
    tab = new_tab(locale="en-US", extra_http_headers={"Accept-Language": "en-US,en"})
    tab.goto(reverse("wagtailadmin_login"))
    expect(tab.locator("html")).to_have_attribute("lang", "vi")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", PASSWORD)
    tab.locator("button[type=submit]").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))
    return tab


def test_the_slug_is_written_from_a_vietnamese_title(editor: Page):
    from cms_pages.models import ProcedureIndexPage

    catalogue = key_pages.first_live(ProcedureIndexPage, "vi")
    editor.goto(
        reverse(
            "wagtailadmin_pages:add", args=("cms_pages", "procedurepage", catalogue.pk)
        )
    )
    title = editor.locator("#id_title")
    title.fill("Đăng ký khai sinh có yếu tố nước ngoài")
    title.blur()
    expect(editor.locator("#id_slug")).to_have_value(
        "dang-ky-khai-sinh-co-yeu-to-nuoc-ngoai"
    )


def test_every_tab_is_reachable_with_the_side_panel_open(editor: Page):
    from cms_pages.models import ProcedurePage

    procedure = key_pages.first_live(ProcedurePage, "vi")
    editor.goto(reverse("wagtailadmin_pages:edit", args=(procedure.pk,)))
    editor.locator("button[data-side-panel-toggle]").first.click()
    panel = editor.locator(".form-side--open")
    expect(panel).to_be_visible()
    panel_left = panel.bounding_box()["x"]
    tabs = editor.locator("[role=tablist] [role=tab]")
    assert tabs.count() >= 6
    for index in range(tabs.count()):
        box = tabs.nth(index).bounding_box()
        assert box["x"] + box["width"] <= panel_left, tabs.nth(index).inner_text()
    editor.get_by_role("tab", name="Quảng bá").click()
    expect(editor.locator("#id_slug")).to_be_visible()
