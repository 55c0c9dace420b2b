"""Generated hostile input for every public form that posts: no answer is a 5xx.

The field names come from the forms on the real pages (so a new field is
attacked without touching this file): page feedback, the editor-built form,
supplement upload, rating, dossier start, asking a question (its attachment
included) and following one, every wizard step (the e-form pages of the
online procedure included: conditions, addresses, people, a repeating group
and its "Add another"/"Remove" buttons), save for later and the language
switch.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from portal.dossiers import steps

from .conftest import EFORM_STEPS, assert_answered, reset_limits, send
from .hostile import forms_of, hostile_files, hostile_text, hostile_values


def hostile_post(fields, data) -> dict:
    """Hostile values for each (name, type) field, and sometimes a stray one."""
    payload = {}
    for name, kind in fields:
        if data.draw(st.booleans(), label=f"send {name}"):
            if kind == "file":
                filename, content = data.draw(hostile_files, label=name)
                payload[name] = SimpleUploadedFile(filename or "x", content)
            else:
                payload[name] = data.draw(hostile_values, label=name)
    if data.draw(st.booleans(), label="stray field"):
        payload[data.draw(hostile_text, label="stray name")] = "x"
    return payload


def post_forms(client, url: str) -> list[dict]:
    """The POST forms of the page at `url`."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return [f for f in forms_of(response.content.decode()) if f["method"] == "post"]


def tracking_url(dossier, action: str) -> str:
    return f"/vi/tra-cuu-ho-so/{action}/?code={dossier.code}&verify={dossier.verification_code}"


# (name, URL of the page that shows the form, which form on it)
FORM_PAGES = [
    ("page_feedback", lambda s: s["standard"].url, "/y-kien-trang/"),
    ("form_page", lambda s: s["form_page"].url, ""),
    ("supplement", lambda s: tracking_url(s["waiting"], "bo-sung"), ""),
    ("rating", lambda s: tracking_url(s["returned"], "danh-gia"), ""),
    ("start", lambda s: "/vi/nop-ho-so/1.004227/", ""),
    ("ask", lambda s: "/vi/hoi-dap/dat-cau-hoi/?procedure=1.004227", "dat-cau-hoi"),
    ("follow_question", lambda s: "/vi/hoi-dap/theo-doi/", "theo-doi"),
]


@pytest.mark.parametrize(
    ("name", "page", "action"), FORM_PAGES, ids=[f[0] for f in FORM_PAGES]
)
@given(data=st.data())
def test_hostile_form_posts(site, client, name, page, action, data):
    url = page(site)
    forms = [f for f in post_forms(client, url) if action in f["action"]]
    assert forms, f"no POST form with action {action!r} on {url}"
    form = forms[0]
    target = form["action"] or url
    payload = hostile_post(form["fields"], data)
    reset_limits()
    response = send(client, "post", target, payload)
    assert_answered(response, f"POST {target} {payload!r}")


# The wizard's own steps and the e-form pages it inserts after the applicant.
WIZARD_STEPS = [*steps.STEP_NAMES, *EFORM_STEPS]


@pytest.fixture
def wizard(site, client):
    """A started dossier wizard: its step URLs and each step's fields."""
    response = client.post("/vi/nop-ho-so/1.004227/")
    response = client.get(response["Location"])
    base = re.sub(r"[a-z_]+/$", "", response["Location"])
    fields = {}
    for step in WIZARD_STEPS:
        page = client.get(f"{base}{step}/")
        found = forms_of(page.content.decode()) if page.status_code == 200 else []
        fields[step] = [pair for form in found for pair in form["fields"]]
    # The e-form pages are attacked with their real inputs: a group's item
    # fields and its "Add another" button (a page that depends on an earlier
    # answer, eform-3-2, is skipped until that answer is given).
    names = {name for step in EFORM_STEPS for name, _kind in fields[step]}
    assert {"eform-1-birth_place__province", "eform-4-members__add"} <= names, names
    return base, fields


@pytest.mark.parametrize("step", WIZARD_STEPS)
@given(data=st.data())
def test_hostile_wizard_steps(wizard, client, step, data):
    base, fields = wizard
    payload = hostile_post(fields[step] or [(f"{step}-x", "text")], data)
    payload.setdefault(
        "dossier_wizard-current_step",
        data.draw(st.one_of(st.just(step), hostile_text), label="current_step"),
    )
    reset_limits()
    response = send(client, "post", f"{base}{step}/", payload)
    assert_answered(response, f"POST {base}{step}/ {payload!r}")


@given(data=st.data())
def test_hostile_language_switch(site, client, data):
    payload = hostile_post([("language", "text"), ("next", "text")], data)
    response = send(client, "post", "/i18n/setlang/", payload)
    assert_answered(response, f"POST /i18n/setlang/ {payload!r}")


@given(data=st.data())
def test_hostile_save_for_later(wizard, client, data):
    base, _fields = wizard
    payload = {"email": data.draw(hostile_values, label="email")}
    response = send(client, "post", f"{base}luu/", payload)
    assert_answered(response, f"POST {base}luu/ {payload!r}")
