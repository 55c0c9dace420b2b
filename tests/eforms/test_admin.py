"""Editors build an e-form in the admin without code: a conditional question
and a repeating group, published, previewed, linked from a procedure."""

import html
import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.test.utils.form_data import nested_form_data, streamfield

from portal.eforms.models import EForm
from tests.factories.catalogue import ProcedurePageFactory, build_site

pytestmark = pytest.mark.django_db


def question(kind: str, label: str, name: str, **extra) -> tuple[str, dict]:
    value = {
        "label": label,
        "name": name,
        "hint": "",
        "required": "on",
        "show_if": {"question": "", "equals": ""},
    }
    value.update(extra)
    return (kind, value)


def choices(*pairs) -> dict:
    data = {"count": len(pairs)}
    for index, (value, label) in enumerate(pairs):
        data[str(index)] = {
            "value": {"label": label, "value": value},
            "deleted": "",
            "order": index,
            "id": "",
        }
    return data


def form_data(**overrides) -> dict:
    children = streamfield(
        [
            question("text", "Họ và tên", "full_name", max_length="", prefill=""),
            question("cccd", "Số CCCD", "id_number", prefill=""),
        ]
    )
    questions = streamfield(
        [
            question(
                "choice",
                "Tình trạng hôn nhân",
                "status",
                choices=choices(("doc_than", "Độc thân"), ("ly_hon", "Đã ly hôn")),
            ),
            question("yes_no", "Có con chung không?", "has_children"),
            (
                "group",
                {
                    "label": "Con chung",
                    "name": "children",
                    "hint": "",
                    "item_label": "Con",
                    "min": "1",
                    "max": "5",
                    "show_if": {"question": "has_children", "equals": "true"},
                    "questions": children,
                },
            ),
        ]
    )
    data = {
        "title": "Tờ khai thử nghiệm",
        "key": "",
        "reference": "Mẫu số 01",
        "signature": "on",
        "signature_caption": "",
        "sections": streamfield(
            [
                (
                    "section",
                    {
                        "title": "Thông tin",
                        "intro": "",
                        "one_question_per_page": "",
                        "questions": questions,
                    },
                )
            ]
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def editor(client):
    build_site()
    user = get_user_model().objects.create_superuser(
        "editor", "editor@example.vn", "pw"
    )
    client.force_login(user)
    return client


def test_editor_builds_and_publishes_a_form_with_a_condition_and_a_group(editor):
    _home, catalogue = build_site()
    data = form_data()
    data["action-publish"] = "action-publish"
    response = editor.post(
        reverse("wagtailsnippets_eforms_eform:add") + "?locale=vi", data
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    form = EForm.objects.get()
    assert form.live and form.key == "to-khai-thu-nghiem"
    definition = form.definition
    group = definition["sections"][0]["questions"][2]
    assert group["type"] == "group" and group["min"] == 1 and group["max"] == 5
    assert group["show_if"] == {"question": "has_children", "equals": True}
    assert [q["type"] for q in group["questions"]] == ["text", "cccd"]
    # Linked from a procedure, which the API and the wizard then use.
    procedure = ProcedurePageFactory(parent=catalogue, eform=form)
    assert procedure.eform == form
    listing = editor.get(reverse("wagtailsnippets_eforms_eform:list"))
    assert "Tờ khai thử nghiệm" in listing.content.decode()


def test_admin_explains_a_condition_on_a_later_question(editor):
    data = form_data()
    data["sections-0-value-questions-1-value-show_if-question"] = "children"
    data["sections-0-value-questions-1-value-show_if-equals"] = "true"
    data["action-publish"] = "action-publish"
    response = editor.post(
        reverse("wagtailsnippets_eforms_eform:add") + "?locale=vi", data
    )
    assert response.status_code == 200
    # Wagtail hands stream errors to its JavaScript as JSON.
    page = html.unescape(response.content.decode())
    with translation.override("vi"):
        expected = gettext(
            "%(where)s depends on “%(other)s”, which is not a question asked before it."
        ) % {
            "where": gettext("Question “%(name)s”") % {"name": "has_children"},
            "other": "children",
        }
    assert json.dumps(expected)[1:-1] in page
    assert not EForm.objects.exists()


def test_preview_shows_every_page_and_the_machine_names(editor):
    url = reverse("wagtailsnippets_eforms_eform:preview_on_add")
    response = editor.post(url, form_data())
    assert response.json()["is_valid"] is True
    html = editor.get(url).content.decode()
    assert "Tờ khai thử nghiệm" in html
    assert "Tình trạng hôn nhân" in html and "Độc thân" in html
    assert "<code>children</code>" in html
    # Questions that depend on an earlier answer say so (no JavaScript needed).
    assert "Có con chung không?" in html and "data-condition-note" in html
