"""The demo e-forms: five procedures get their declaration as an e-form (with
an English translation) and stop asking for its upload; loading twice changes
nothing."""

import io
import json
from pathlib import Path

import pytest
from wagtail.models import Locale

from cms_pages.models import ProcedurePage
from demo.eforms import load_eforms
from portal.eforms.models import EForm
from tests.factories.catalogue import ProcedurePageFactory, build_site

DATA = json.loads(
    (Path(__file__).parents[2] / "demo" / "eforms.json").read_text("utf-8")
)


@pytest.mark.django_db
def test_demo_forms_are_linked_once():
    for language in ("vi", "en"):
        Locale.objects.get_or_create(language_code=language)
    _home, catalogue = build_site()
    for entry in DATA["forms"]:
        page = ProcedurePageFactory(parent=catalogue, code=entry["procedures"][0])
        first = page.documents.first()
        first.name = entry["replaces_document"]
        first.save()
    load_eforms(io.StringIO())
    assert EForm.objects.filter(locale__language_code="vi").count() == 5
    assert EForm.objects.filter(locale__language_code="en").count() == 5
    birth = ProcedurePage.objects.get(code="1.001193")
    assert birth.eform.key == "to-khai-dang-ky-khai-sinh" and birth.eform.live
    assert [d.filled_online for d in birth.documents.all()] == [True, False]
    group_forms = [
        f.key
        for f in EForm.objects.filter(locale__language_code="vi")
        if '"group"' in json.dumps(f.definition)
    ]
    assert len(group_forms) >= 2
    out = io.StringIO()
    load_eforms(out)
    assert "0 procedures linked now" in out.getvalue()
    assert EForm.objects.count() == 10
