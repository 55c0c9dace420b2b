"""Tracking posts the verification code: only the dossier code is ever in a
URL (logs, history, Referer), and the pages send Referrer-Policy: no-referrer."""

import pytest

from portal.dossiers.models import DossierDraft
from portal.dossiers.services import submit_dossier

from .test_submission import answers

pytestmark = pytest.mark.django_db

TRACK = "/vi/tra-cuu-ho-so/"


@pytest.fixture
def dossier(procedure):
    draft = DossierDraft.objects.create(procedure=procedure, session_key="x")
    return submit_dossier(draft, answers())


def test_the_form_posts(client):
    response = client.get(TRACK)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="post"' in html
    # Not no-referrer on a page that POSTs: browsers would send Origin: null.
    assert response["Referrer-Policy"] == "same-origin"


def test_posting_both_codes_shows_the_dossier_under_a_url_with_only_its_code(
    client, dossier
):
    response = client.post(
        TRACK, {"code": dossier.code.lower(), "verify": dossier.verification_code}
    )
    assert response.status_code == 303
    location = response["Location"]
    assert dossier.code in location
    assert dossier.verification_code not in location and "verify" not in location
    page = client.get(location)
    html = page.content.decode()
    assert page.status_code == 200 and page["Referrer-Policy"] == "no-referrer"
    assert "N***** V** A*" in html
    assert dossier.verification_code not in html
    assert (
        page["Cache-Control"].startswith("max-age=0")
        or "no-cache" in page["Cache-Control"]
    )


def test_the_code_alone_in_a_url_shows_nothing_but_the_form(client, dossier):
    html = client.get(TRACK, {"code": dossier.code}).content.decode()
    assert dossier.procedure_name not in html and "N*****" not in html
    # The code is filled in; the verification code is asked for.
    assert f'value="{dossier.code}"' in html
    assert 'name="verify"' in html


def test_another_browser_does_not_see_a_verified_dossier(client, dossier):
    from django.test import Client

    location = client.post(
        TRACK, {"code": dossier.code, "verify": dossier.verification_code}
    )["Location"]
    html = Client().get(location).content.decode()
    assert "N*****" not in html and 'name="verify"' in html


def test_wrong_code_is_the_same_answer_as_an_unknown_one(client, dossier):
    wrong = client.post(TRACK, {"code": dossier.code, "verify": "AAAAAAAA"})
    unknown = client.post(TRACK, {"code": "STP-000000-0000-XXXX", "verify": "AAAAAAAA"})
    assert wrong.status_code == unknown.status_code == 200
    for response in (wrong, unknown):
        assert "Không có hồ sơ nào khớp" in response.content.decode()
        assert response["Referrer-Policy"] == "same-origin"


def test_an_old_receipt_link_with_both_codes_still_works_once(client, dossier):
    """Receipts printed before this change carry both codes in their QR code."""
    response = client.get(
        TRACK, {"code": dossier.code, "verify": dossier.verification_code}
    )
    assert response.status_code == 303
    assert "verify" not in response["Location"]
    assert "N***** V** A*" in client.get(response["Location"]).content.decode()


def test_receipt_qr_and_emails_carry_only_the_code(client, dossier):
    from portal.dossiers.public_status import tracking_url

    url = tracking_url(dossier)
    assert dossier.code in url and dossier.verification_code not in url
