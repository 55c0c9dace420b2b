"""Vietnamese dossier pages show no English UI text from our templates."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from .conftest import submit, walk_to_check

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates" / "dossiers"


def english_ui_strings() -> set[str]:
    strings = set()
    for template in TEMPLATES.rglob("*.html"):
        strings.update(re.findall(r'{% translate "([^"%]+)" %}', template.read_text()))
    return {text for text in strings if len(text) > 6}


def assert_no_english(html: str) -> None:
    leaks = [text for text in english_ui_strings() if text in html]
    assert not leaks, leaks


def test_vietnamese_wizard_receipt_and_tracking_pages(walker):
    assert len(english_ui_strings()) > 40
    assert_no_english(
        walker.client.get(f"/vi/nop-ho-so/{walker.procedure.code}/").content.decode()
    )
    walker.start()
    for step in ("applicant_type", "applicant", "documents", "delivery"):
        assert_no_english(walker.client.get(walker.step_url(step)).content.decode())
    walk_to_check(walker)
    assert_no_english(walker.client.get(walker.step_url("check")).content.decode())
    walker.post("check")
    assert_no_english(
        walker.client.get(walker.step_url("declaration")).content.decode()
    )
    receipt = walker.client.get(submit(walker)["Location"]).content.decode()
    assert_no_english(receipt)
    assert "Đã nộp hồ sơ" in receipt
    assert_no_english(walker.client.get("/vi/tra-cuu-ho-so/").content.decode())
