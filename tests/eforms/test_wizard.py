"""The dossier wizard with an e-form: its pages between the applicant and the
documents, in the real wire format (`<step>-<field>`), without JavaScript."""

import pytest
from wagtail.models import Locale

from portal.dossiers.models import Dossier
from portal.eforms.models import FilledForm
from portal.eforms.serialization import sections_stream_data
from portal.eforms.translation import save_translation
from tests.dossiers.conftest import (
    APPLICANT,
    CCCD,
    WizardWalker,
    make_procedure,
    pdf,
)
from tests.factories.eforms import EFormFactory

from .samples import BIRTH, BUSINESS, sample

PAGE_1 = {
    "child_name": "Nguyễn Văn Bình",
    "child_sex": "nam",
    "child_birth_date": "02/01/2026",
    "birth_place__province": "1",
    "birth_place__commune": "ba dinh",
    "birth_place__street": "43 Tràng Thi",
}
PAGE_2 = {
    "mother__full_name": "Trần Thị Hoa",
    "mother__birth_date": "27/03/1990",
    "mother__id_number": CCCD,
    "has_father": "no",
}


def with_form(site_tree, definition, **kwargs):
    procedure = make_procedure(site_tree, **kwargs)
    form = EFormFactory(definition=definition)
    declaration = procedure.documents.first()
    declaration.filled_online = True
    declaration.save()
    procedure.eform = form
    procedure.save()
    return procedure, form


@pytest.fixture
def birth(site_tree):
    return with_form(site_tree, sample(BIRTH))


def location(response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def walk_applicant(walker) -> None:
    walker.start()
    location(walker.post("applicant_type", {"applicant_type": "individual"}))
    assert location(walker.post("applicant", APPLICANT)).endswith("/eform-1/")


def test_form_pages_come_between_applicant_and_documents(client, birth):
    procedure, _form = birth
    walker = WizardWalker(client, procedure)
    walk_applicant(walker)
    page = client.get(walker.step_url("eform-1")).content.decode()
    assert "Người được khai sinh" in page and "Họ, chữ đệm, tên của trẻ" in page
    # Empty page: the error summary links to each input, in Vietnamese.
    response = walker.post("eform-1", {})
    html = response.content.decode()
    assert response.status_code == 200 and "error-summary" in html
    assert 'href="#id_eform-1-child_name"' in html
    assert "Vui lòng trả lời “Họ, chữ đệm, tên của trẻ”." in html
    assert location(walker.post("eform-1", PAGE_1)).endswith("/eform-2/")
    # The mother starts from the applicant's answers.
    page = client.get(walker.step_url("eform-2")).content.decode()
    assert 'value="Nguyễn Văn An"' in page
    assert location(walker.post("eform-2", PAGE_2)).endswith("/eform-3-1/")
    # One question per page: the question is the page's heading.
    page = client.get(walker.step_url("eform-3-1")).content.decode()
    assert "<h1>Quan hệ với trẻ</h1>" in page
    # "Mẹ" skips the question that only "Người khác" needs.
    assert location(walker.post("eform-3-1", {"relation": "me"})).endswith(
        "/eform-3-3/"
    )
    assert location(walker.post("eform-3-3", {"copies": "2"})).endswith("/documents/")
    # The declaration is filled in online: no upload is asked for it.
    page = client.get(walker.step_url("documents")).content.decode()
    declaration, certificate, _optional = procedure.documents.all()
    assert f'name="documents-doc_{declaration.pk}"' not in page
    assert f'name="documents-doc_{certificate.pk}"' in page
    assert "được điền trực tuyến" in page
    # Going back keeps every answer.
    page = client.get(walker.step_url("eform-1")).content.decode()
    assert 'value="Nguyễn Văn Bình"' in page and 'value="43 Tràng Thi"' in page


def answer_the_form(client, procedure) -> WizardWalker:
    """A wizard past the applicant and every page of the birth form."""
    walker = WizardWalker(client, procedure)
    walk_applicant(walker)
    for step, data in (
        ("eform-1", PAGE_1),
        ("eform-2", PAGE_2),
        ("eform-3-1", {"relation": "me"}),
        ("eform-3-3", {}),
    ):
        location(walker.post(step, data))
    return walker


def finish(walker, client, django_capture_on_commit_callbacks):
    _declaration, certificate, _optional = walker.procedure.documents.all()
    documents = walker.post(
        "documents", files={f"doc_{certificate.pk}": pdf("chung-sinh.pdf")}
    )
    assert location(documents).endswith("/delivery/")
    assert location(walker.post("delivery", {"receipt_method": "at_centre"})).endswith(
        "/check/"
    )
    check = client.get(walker.step_url("check")).content.decode()
    assert location(walker.post("check")).endswith("/declaration/")
    with django_capture_on_commit_callbacks(execute=True):
        done = walker.post("declaration", {"declaration": "on", "consent": "on"})
    assert "/bien-nhan/" in location(done)
    return check, Dossier.objects.get()


def test_check_answers_lists_the_form_and_the_dossier_keeps_it(
    client, birth, django_capture_on_commit_callbacks
):
    procedure, form = birth
    walker = answer_the_form(client, procedure)
    # The form changes after the citizen started: the draft keeps its copy.
    changed = sample(BIRTH)
    changed["sections"][0]["questions"][0]["label"] = "Tên mới của câu hỏi"
    form.sections = sections_stream_data(changed)
    form.save()
    check, dossier = finish(walker, client, django_capture_on_commit_callbacks)
    assert "Họ, chữ đệm, tên của trẻ" in check and "Tên mới" not in check
    assert "Phường Ba Đình, Thành phố Hà Nội" in check
    assert f"{walker.base}eform-1/?return=check" in check
    assert (
        f"{walker.base}eform-3-3/?return=check" in check and "eform-3-2/" not in check
    )
    filled = FilledForm.objects.get(dossier=dossier)
    assert filled.definition == BIRTH and filled.form == form
    assert filled.answers["child_name"] == "Nguyễn Văn Bình"
    assert filled.answers["birth_place"]["commune_code"] == 4
    assert "father" not in filled.answers and filled.answers["has_father"] is False
    # The applicant's own details were not replaced by e-form answers.
    assert dossier.applicant_name == "Nguyễn Văn An"
    # The declaration PDF answers the document the form fills in.
    declaration = dossier.documents.get(procedure_document__filled_online=True)
    assert (
        declaration.content_type == "application/pdf"
        and filled.declaration_id == declaration.pk
    )


def test_change_link_goes_through_pages_the_change_makes_necessary(client, birth):
    procedure, _form = birth
    walker = answer_the_form(client, procedure)
    _declaration, certificate, _optional = procedure.documents.all()
    location(walker.post("documents", files={f"doc_{certificate.pk}": pdf()}))
    location(walker.post("delivery", {"receipt_method": "at_centre"}))
    target = location(walker.post("eform-3-1", {"relation": "khac"}, return_to="check"))
    assert target.endswith("/eform-3-2/?return=check")
    assert location(
        walker.post("eform-3-2", {"relation_other": "Bà ngoại"}, return_to="check")
    ).endswith("/check/")


def test_group_items_added_and_removed_without_javascript(client, site_tree):
    procedure, _form = with_form(
        site_tree, sample(BUSINESS), code="2.000720", title="Đăng ký hộ kinh doanh"
    )
    walker = WizardWalker(client, procedure)
    walk_applicant(walker)
    member = {
        "members__count": "1",
        "members__0__person__full_name": "Nguyễn Văn An",
        "members__0__person__birth_date": "27/03/1990",
        "members__0__person__relationship": "Chủ hộ",
        "members__0__contributes": "no",
    }
    added = walker.post("eform-2", dict(member, members__add="1"))
    html = added.content.decode()
    assert added.status_code == 200 and "error-summary" not in html
    assert 'name="eform-2-members__1__person__full_name"' in html
    # The page was saved as it was: reloading it shows both items.
    html = client.get(walker.step_url("eform-2")).content.decode()
    assert 'value="Nguyễn Văn An"' in html and "members__1__person__full_name" in html
    removed = walker.post(
        "eform-2", dict(member, members__count="2", members__remove="0")
    )
    html = removed.content.decode()
    assert "members__1__" not in html and 'value="Nguyễn Văn An"' not in html


def test_english_journey_uses_the_translated_form(client, birth):
    procedure, form = birth
    english = Locale.objects.get(language_code="en")
    translated = sample(BIRTH)
    translated["title"] = "Birth registration form"
    translated["sections"][0]["title"] = "The child"
    translated["sections"][0]["questions"][0]["label"] = "Child's full name"
    save_translation(form, translated, english)
    walker = WizardWalker(client, procedure, language="en")
    walker.start()
    location(walker.post("applicant_type", {"applicant_type": "individual"}))
    location(walker.post("applicant", APPLICANT))
    response = walker.post("eform-1", {})
    html = response.content.decode()
    assert "The child" in html and "Answer “Child&#x27;s full name”." in html
