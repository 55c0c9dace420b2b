"""Codes and tokens are ASCII patterns before any lookup; NUL and control
characters are refused with a 400 in the visitor's language."""

from __future__ import annotations

import pytest

from portal.security.input import (
    DOSSIER_CODE,
    RESUME_TOKEN,
    VERIFICATION_CODE,
    ascii_code,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value", ["١٢٣٤٥٦٧٨", "²ABCDEFG", "ABCD\x00EFG", "ÄBCDEFGH", "", None, "AB"]
)
def test_verification_codes_outside_the_ascii_pattern_are_refused(value):
    assert ascii_code(value, VERIFICATION_CODE) is None


def test_codes_are_normalised():
    assert ascii_code(" stp-260105-0001-k7qm ", DOSSIER_CODE) == "STP-260105-0001-K7QM"
    assert ascii_code("k7qmabcd", VERIFICATION_CODE) == "K7QMABCD"
    token = "aB3_-" * 8
    assert ascii_code(token, RESUME_TOKEN, upper=False) == token


@pytest.mark.parametrize(
    "path",
    [
        "/vi/thu-tuc/?agency=%00",
        "/vi/tra-cuu-ho-so/?code=%00&verify=x",
        "/vi/tim-kiem/?q=a%1Bb",
        "/vi/nop-ho-so/tiep-tuc/%00/",
    ],
)
def test_control_characters_in_the_url_get_a_400_page(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "ký tự điều khiển" in response.content.decode()


def test_api_answers_json(client):
    response = client.get("/api/procedures/search/?q=%00")
    assert response.status_code == 400
    assert "ký tự điều khiển" in response.json()["error"]


def test_nul_in_posted_data_gets_a_400(client):
    response = client.post("/vi/y-kien-trang/", {"page": "1", "comment": "a\x00b"})
    assert response.status_code == 400


def test_tabs_and_newlines_are_fine(client):
    assert client.get("/vi/tra-cuu-ho-so/", {"code": "A\tB"}).status_code == 200


def test_tracking_form_refuses_non_ascii_codes_with_a_message(client):
    response = client.get(
        "/vi/tra-cuu-ho-so/", {"code": "HS-١٢٣", "verify": "²²²²²²²²"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "chỉ gồm chữ cái, chữ số và dấu gạch ngang" in page
    assert "chỉ gồm chữ cái và chữ số" in page
