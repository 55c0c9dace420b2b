"""Walking the wizard with the real wire format."""

import pytest
from django.core import mail

from portal.dossiers.models import Dossier, DossierDraft, DraftUpload, StatusEvent

from .conftest import APPLICANT, make_procedure, pdf, submit, valid_mst, walk_to_check

pytestmark = pytest.mark.django_db


def test_procedure_page_shows_the_button_only_for_online_procedures(client, site_tree):
    online = make_procedure(site_tree)
    offline = make_procedure(
        site_tree, code="1.000001", title="Thủ tục khác", online_service="none"
    )
    page = client.get(online.url)
    assert page.status_code == 200
    assert f"/vi/nop-ho-so/{online.code}/" in page.content.decode()
    assert "/nop-ho-so/" not in client.get(offline.url).content.decode()
    assert client.get(f"/vi/nop-ho-so/{offline.code}/").status_code == 404


def test_individual_walk_creates_one_dossier(
    walker, django_capture_on_commit_callbacks
):
    walker.start()
    assert walker.url.endswith("/applicant_type/")
    walk_to_check(walker)
    page = walker.client.get(walker.step_url("check"))
    text = page.content.decode()
    assert "Nguyễn Văn An" in text and "to-khai.pdf" in text and "0912345678" in text
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(walker)
    assert (
        response.status_code == 302 and "/nop-ho-so/bien-nhan/" in response["Location"]
    )
    dossier = Dossier.objects.get()
    assert dossier.applicant_type == "individual"
    assert dossier.applicant_phone == "0912345678"
    assert dossier.code.startswith("STP-")
    assert dossier.fee_vnd == 8000
    assert dossier.documents.count() == 2
    assert (
        StatusEvent.objects.filter(dossier=dossier, to_status="received").count() == 1
    )
    for document in dossier.documents.all():
        assert (
            document.file.name.startswith("dossiers/")
            and dossier.code in document.file.name
        )
        assert document.file.storage.exists(document.file.name)
        assert len(document.sha256) == 64 and document.content_type == "application/pdf"
    assert not DraftUpload.objects.exists()
    receipt = walker.client.get(response["Location"])
    assert receipt.status_code == 200
    body = receipt.content.decode()
    assert dossier.code in body and dossier.verification_code in body and "<svg" in body
    assert any(dossier.code in message.subject for message in mail.outbox)


def test_organisation_walk(walker):
    walker.start()
    walk_to_check(walker, organisation=True)
    submit(walker)
    dossier = Dossier.objects.get()
    assert dossier.applicant_type == "organisation"
    assert dossier.organisation_name == "Công ty TNHH Ánh Dương"
    assert dossier.organisation_tax_code == valid_mst()
    assert dossier.display_applicant == "Công ty TNHH Ánh Dương"


def test_only_allowed_applicant_types_skip_the_choice(client, site_tree):
    from .conftest import WizardWalker

    procedure = make_procedure(site_tree, code="2.000001", for_organizations=False)
    walker = WizardWalker(client, procedure)
    walker.start()
    assert walker.url.endswith("/applicant/")
    response = walker.post("applicant", APPLICANT)
    assert response["Location"].endswith("/documents/")


def test_errors_keep_answers_and_show_summary(walker):
    walker.start()
    walker.post("applicant_type", {"applicant_type": "individual"})
    response = walker.post("applicant", {**APPLICANT, "phone": "12345"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "error-summary" in text and 'href="#id_applicant-phone"' in text
    assert "Nguyễn Văn An" in text  # nothing typed is lost
    assert response.context["wizard"]["steps"].current == "applicant"


def test_required_documents_enforced(walker):
    walker.start()
    walker.post("applicant_type", {"applicant_type": "individual"})
    walker.post("applicant", APPLICANT)
    first, second, _ = walker.document_fields()
    response = walker.post("documents", files={first: pdf()})
    assert response.status_code == 200
    assert response.context["wizard"]["steps"].current == "documents"
    assert second in response.context["wizard"]["form"].errors
    # The good file was kept: answering the missing one is enough now.
    assert DraftUpload.objects.filter(field_name=first).count() == 1
    response = walker.post("documents", files={second: pdf()})
    assert response.status_code == 302 and response["Location"].endswith("/delivery/")


def test_back_and_forth_keeps_files(walker):
    walker.start()
    walk_to_check(walker)
    # Back to the documents step, then forward without choosing files again.
    page = walker.client.get(walker.step_url("documents"))
    assert "to-khai.pdf" in page.content.decode()
    response = walker.post("documents")
    assert response.status_code == 302 and response["Location"].endswith("/delivery/")
    # Replacing one file keeps the other and removes the replaced one from storage.
    first = walker.document_fields()[0]
    old = DraftUpload.objects.get(field_name=first)
    storage, old_name = old.file.storage, old.file.name
    walker.post("documents", files={first: pdf("moi.pdf")})
    assert DraftUpload.objects.get(field_name=first).original_name == "moi.pdf"
    assert not storage.exists(old_name)
    assert DraftUpload.objects.count() == 2
    submit(walker)
    assert sorted(
        Dossier.objects.get().documents.values_list("original_name", flat=True)
    ) == [
        "chung-sinh.pdf",
        "moi.pdf",
    ]


def test_change_link_returns_to_check_answers(walker):
    walker.start()
    walk_to_check(walker)
    page = walker.client.get(walker.step_url("applicant") + "?return=check")
    assert 'name="return_to" value="check"' in page.content.decode()
    response = walker.post(
        "applicant", {**APPLICANT, "full_name": "Lê Văn Bảo"}, return_to="check"
    )
    assert response.status_code == 302 and response["Location"].endswith("/check/")
    # Switching to organisation asks the new question first, then returns.
    response = walker.post(
        "applicant_type", {"applicant_type": "organisation"}, return_to="check"
    )
    assert (
        "/organisation/" in response["Location"]
        and "return=check" in response["Location"]
    )
    response = walker.post(
        "organisation",
        {
            "organisation_name": "HTX Nông nghiệp",
            "tax_code": valid_mst(),
            "representative": "Lê Văn Bảo",
        },
        return_to="check",
    )
    assert response["Location"].endswith("/check/")


def test_two_wizards_in_one_session_stay_apart(client, procedure):
    from .conftest import WizardWalker

    first, second = WizardWalker(client, procedure), WizardWalker(client, procedure)
    first.start()
    second.start()
    assert first.instance_id != second.instance_id
    first.post("applicant_type", {"applicant_type": "individual"})
    second.post("applicant_type", {"applicant_type": "organisation"})
    first.post("applicant", APPLICANT)
    second.post("applicant", {**APPLICANT, "full_name": "Trần Thị Bình"})
    assert (
        "Trần Thị Bình" not in client.get(first.step_url("applicant")).content.decode()
    )
    assert "Nguyễn Văn An" in client.get(first.step_url("applicant")).content.decode()
    assert "Trần Thị Bình" in client.get(second.step_url("applicant")).content.decode()
    first_field = first.document_fields()[0]
    first.post("documents", files={first_field: pdf("first.pdf")})
    assert DraftUpload.objects.filter(draft__instance_id=first.instance_id).count() == 1
    assert (
        DraftUpload.objects.filter(draft__instance_id=second.instance_id).count() == 0
    )


def test_replayed_final_step_gives_one_dossier(walker):
    walker.start()
    walk_to_check(walker)
    walker.post("check")
    payload = {"declaration": "on", "consent": "on"}
    first = walker.post("declaration", payload)
    second = walker.post("declaration", payload)
    third = walker.post("declaration", payload)
    assert Dossier.objects.count() == 1
    assert first["Location"] == second["Location"] == third["Location"]
    assert StatusEvent.objects.count() == 1


def test_done_url_never_submits_on_get(walker):
    walker.start()
    walk_to_check(walker)
    response = walker.client.get(walker.step_url("done"))
    assert response.status_code == 302
    assert not Dossier.objects.exists()


def test_wizard_state_is_in_the_database_not_the_cookie(walker):
    walker.start()
    walker.post("applicant_type", {"applicant_type": "individual"})
    walker.post("applicant", APPLICANT)
    draft = DossierDraft.objects.get(instance_id=walker.instance_id)
    assert draft.data["step_data"]["applicant"]["applicant-full_name"] == [
        "Nguyễn Văn An"
    ]
    assert draft.current_step == "documents"
    for cookie in walker.client.cookies.values():
        assert "Nguy" not in cookie.value


def test_other_browser_and_unknown_drafts_get_a_friendly_page(
    walker, client_factory=None
):
    from django.test import Client

    walker.start()
    stranger = Client()
    response = stranger.get(walker.step_url("applicant"))
    assert response.status_code == 403
    assert (
        "trình duyệt khác" in response.content.decode()
        or "another browser" in response.content.decode()
    )
    response = walker.client.get(
        f"/vi/nop-ho-so/{walker.procedure.code}/00000000-0000-4000-8000-000000000000/applicant/"
    )
    assert response.status_code == 404


def test_missing_management_form_is_not_a_server_error(walker):
    walker.start()
    response = walker.client.post(walker.step_url("applicant_type"), {"x": "y"})
    assert response.status_code == 400


def test_english_wizard(client, procedure):
    from .conftest import WizardWalker

    walker = WizardWalker(client, procedure, language="en")
    walker.start()
    page = client.get(walker.url)
    assert "Who is filing this dossier?" in page.content.decode()


def test_stale_step_from_another_tab_is_not_a_server_error(walker):
    walker.start()
    walker.post("applicant_type", {"applicant_type": "organisation"})
    walker.post("applicant", APPLICANT)
    # Another tab of the same draft switches to "individual": the
    # organisation step no longer applies, but this tab still posts it.
    walker.post("applicant_type", {"applicant_type": "individual"})
    response = walker.post(
        "organisation",
        {"organisation_name": "X", "tax_code": valid_mst(), "representative": "Y"},
    )
    assert response.status_code == 302
    assert "/organisation/" not in response["Location"]
    page = walker.client.get(walker.step_url("organisation"))
    assert page.status_code == 302


def test_step_not_offered_by_the_procedure_is_not_a_server_error(client, site_tree):
    from .conftest import WizardWalker

    procedure = make_procedure(site_tree, code="2.000002", for_organizations=False)
    walker = WizardWalker(client, procedure)
    walker.start()
    response = walker.post("applicant_type", {"applicant_type": "individual"})
    assert response.status_code == 302 and response["Location"].endswith("/applicant/")


def test_fee_choice_and_postal_address(client, site_tree):
    from .conftest import WizardWalker

    procedure = make_procedure(
        site_tree,
        code="2.000003",
        fees=(("Cấp mới", 50000), ("Miễn phí cho hộ nghèo", 0)),
    )
    # Two alternatives: the applicant's case decides which one is paid.
    procedure.fees.update(applies="alternative")
    walker = WizardWalker(client, procedure)
    walker.start()
    walker.post("applicant_type", {"applicant_type": "individual"})
    walker.post("applicant", APPLICANT)
    first, second, _ = walker.document_fields()
    walker.post("documents", files={first: pdf(), second: pdf()})
    page = walker.client.get(walker.step_url("delivery")).content.decode()
    assert "Cấp mới: 50.000 đ" in page and "Miễn phí cho hộ nghèo: Miễn phí" in page
    response = walker.post("delivery", {"receipt_method": "post"})
    errors = response.context["wizard"]["form"].errors
    assert set(errors) == {"postal_address", "fee"}
    fee = procedure.fees.get(label="Cấp mới")
    response = walker.post(
        "delivery",
        {"receipt_method": "post", "postal_address": "12 Lê Lợi", "fee": str(fee.pk)},
    )
    assert response["Location"].endswith("/check/")
    submit(walker)
    dossier = Dossier.objects.get()
    assert (dossier.fee_label, dossier.fee_vnd) == ("Cấp mới", 50000)
    assert dossier.receipt_method == "post" and dossier.postal_address == "12 Lê Lợi"


def test_check_answers_lists_each_answer_once(walker):
    walker.start()
    walk_to_check(walker)
    html = walker.client.get(walker.step_url("check")).content.decode()
    assert APPLICANT["full_name"] in html
    # Plain answers have no nested items. Rows kept as dicts once gave the
    # template the dict's own `items` method: "label", "value" and an empty
    # "<dd>: </dd>" for every letter of each answer.
    assert "summary-list__items" not in html
    assert "<dt>label</dt>" not in html and "<dd>: </dd>" not in html
    # Collected at the centre: no postal-address row. By post: the address.
    assert "Địa chỉ nhận qua bưu chính" not in html
    walker.post(
        "delivery",
        {"receipt_method": "post", "postal_address": "5 Lý Thường Kiệt, Huế"},
        return_to="check",
    )
    html = walker.client.get(walker.step_url("check")).content.decode()
    assert "Địa chỉ nhận qua bưu chính" in html and "5 Lý Thường Kiệt, Huế" in html
