"""Every field an editor fills on a procedure reaches its public page, or says
in the admin that it does not.

The fields are read from the procedure's admin form (page fields and the
fields of every inline row), so a field added later without being rendered
fails here. Text is looked for on the page; other values (choices, numbers,
yes/no, files) must change the page when they change.
"""

import html
import json
import re
from decimal import Decimal

import pytest
import wagtail_factories
from django.db import models
from django.utils import translation

from cms_pages.models import ProcedurePage
from tests.factories.catalogue import AgencyFactory, ProcedurePageFactory, SectorFactory
from tests.factories.eforms import EFormFactory

pytestmark = pytest.mark.django_db

# Fields that are not content for visitors, and why.
ADMIN_ONLY = {
    "slug": "the page's address",
    "show_in_menus": "Wagtail's automatic menus (not used by the portal)",
    "go_live_at": "scheduled publishing",
    "expire_at": "scheduled publishing",
    "keywords": "words search finds the procedure by",
}
# Of those, the project's own fields must say so in their help text.
ADMIN_ONLY_NOTE = "not shown on the page"
# Inline rows that are not content (editors' comments).
NOT_CONTENT = {"comments"}


def form_fields() -> tuple[list[str], dict[str, list[str]]]:
    """(page field names, {row relation: row field names}) of the admin form."""
    form_class = ProcedurePage.get_edit_handler().get_form_class()
    # Form-only fields (comment notifications) hold no page content.
    model_fields = {field.name for field in ProcedurePage._meta.get_fields()}
    rows = {
        name: list(formset.form.base_fields)
        for name, formset in form_class.formsets.items()
        if name not in NOT_CONTENT
    }
    return [name for name in form_class.base_fields if name in model_fields], rows


def is_text(field: models.Field) -> bool:
    return isinstance(field, models.CharField | models.TextField) and not field.choices


def token(name: str) -> str:
    return f"Nội dung thử {name.replace('_', ' ')} số 4711"


def page_html(client, page) -> str:
    with translation.override("vi"):
        text = client.get(page.url).content.decode()
    # Per-request values (CSRF tokens, CSP nonces) are not content.
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
    text = re.sub(r'nonce="[^"]*"', "", text)
    return html.unescape(text)


def two_values(field: models.Field):
    """Two different values of a non-text field."""
    if isinstance(field, models.BooleanField):
        return True, False
    if field.choices:
        # First and last: on a page with one row, neighbouring choices can
        # read alike (a lone "alternative" fee is simply the fee).
        return field.choices[0][0], field.choices[-1][0]
    if isinstance(field, models.DecimalField):
        return Decimal(3), Decimal("7.5")
    if isinstance(field, models.IntegerField):
        return 2, (None if field.null else 5)
    if isinstance(field, models.ForeignKey):
        model = field.related_model
        if model._meta.label == "wagtailimages.Image":
            return wagtail_factories.ImageFactory(), None
        if model._meta.label == "wagtaildocs.Document":
            return wagtail_factories.DocumentFactory(title="Mẫu tờ khai"), None
        if model._meta.label == "eforms.EForm":
            return EFormFactory(key="to-khai-thu-nghiem", title="Tờ khai thử"), None
        return None, None
    raise AssertionError(f"no test values for {field!r}")


@pytest.fixture
def procedure(site_tree):
    """A procedure with every text field, and every row's, filled in."""
    _home, catalogue = site_tree
    page = ProcedurePageFactory(
        parent=catalogue,
        sector=SectorFactory(name=token("sector")),
        agency=AgencyFactory(name=token("agency")),
        body=json.dumps([{"type": "paragraph", "value": f"<p>{token('body')}</p>"}]),
        fees=1,
        documents=1,
        steps=1,
        legal_bases=1,
        eform=EFormFactory(),
    )
    page_fields, rows = form_fields()
    for name in page_fields:
        field = ProcedurePage._meta.get_field(name)
        if is_text(field) and name not in ADMIN_ONLY and name != "code":
            setattr(page, name, token(name))
    page.save()
    for relation, names in rows.items():
        row = getattr(page, relation).get()
        for name in names:
            if is_text(row._meta.get_field(name)):
                setattr(row, name, token(f"{relation} {name}"))
        row.save()
    return page


def test_admin_only_fields_say_so():
    page_fields, _rows = form_fields()
    for name in ADMIN_ONLY:
        assert name in page_fields, (
            f"{name} is no longer in the form: update ADMIN_ONLY"
        )
    with translation.override("en"):
        help_text = str(ProcedurePage._meta.get_field("keywords").help_text)
    assert ADMIN_ONLY_NOTE in help_text.lower()


def test_every_text_field_is_on_the_page(client, procedure):
    page_fields, rows = form_fields()
    shown = page_html(client, procedure)
    expected = [
        name
        for name in page_fields
        if name not in ADMIN_ONLY
        and is_text(ProcedurePage._meta.get_field(name))
        and name != "code"
    ] + ["sector", "agency", "body"]
    missing = [name for name in expected if token(name) not in shown]
    for relation, names in rows.items():
        model = getattr(procedure, relation).model
        missing += [
            f"{relation}.{name}"
            for name in names
            if is_text(model._meta.get_field(name))
            and token(f"{relation} {name}") not in shown
        ]
    assert procedure.code in shown
    # The title is the name shown unless a longer full name replaces it.
    if "title" in missing:
        procedure.full_name = ""
        procedure.save()
        if token("title") in page_html(client, procedure):
            missing.remove("title")
    assert not missing, f"not on the public page: {missing}"


def changes_the_page(client, procedure, obj, name: str) -> bool:
    """Does giving `obj.name` two different values render two different pages?
    The field gets its value back afterwards (rows shown only with an e-form
    need the page's e-form)."""
    original, renders = getattr(obj, name), []
    for value in two_values(obj._meta.get_field(name)):
        setattr(obj, name, value)
        obj.save()
        renders.append(page_html(client, procedure))
    setattr(obj, name, original)
    obj.save()
    return renders[0] != renders[1]


def test_every_other_field_changes_the_page(client, procedure):
    page_fields, rows = form_fields()
    skip = set(ADMIN_ONLY) | {"sector", "agency", "body"}
    unchanged = [
        name
        for name in page_fields
        if name not in skip
        and not is_text(ProcedurePage._meta.get_field(name))
        and not changes_the_page(client, procedure, procedure, name)
    ]
    for relation, names in rows.items():
        row = getattr(procedure, relation).get()
        unchanged += [
            f"{relation}.{name}"
            for name in names
            if not is_text(row._meta.get_field(name))
            and not changes_the_page(client, procedure, row, name)
        ]
    assert not unchanged, f"changing these does not change the page: {unchanged}"
