"""Tracking page and JSON API: masked data, same answer for wrong and unknown
codes, rate limiting with HTTP 429."""

import re

import pytest
from django.test import override_settings

from portal.dossiers.models import DossierDraft, StatusEvent
from portal.dossiers.public_status import mask_name, mask_phone
from portal.dossiers.services import submit_dossier

from .test_submission import answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(procedure):
    draft = DossierDraft.objects.create(procedure=procedure, session_key="x")
    dossier = submit_dossier(draft, answers())
    StatusEvent.objects.create(
        dossier=dossier,
        from_status="received",
        to_status="supplement_requested",
        note="Bổ sung bản sao giấy chứng sinh.",
        internal_note="Nội bộ: hồ sơ mờ",
    )
    dossier.status = "supplement_requested"
    dossier.save()
    return dossier


def test_masking():
    assert mask_name("Nguyễn Văn An") == "N***** V** A*"
    assert mask_phone("0912345678") == "091****678"


def without_csrf(content: bytes) -> bytes:
    """The page without its (per-render) CSRF token."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def test_tracking_shows_timeline_with_masked_data(client, dossier):
    response = client.post(
        "/vi/tra-cuu-ho-so/",
        {"code": dossier.code.lower(), "verify": dossier.verification_code},
        follow=True,
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Yêu cầu bổ sung" in text and "Bổ sung bản sao giấy chứng sinh." in text
    assert "N***** V** A*" in text and "091****678" in text
    assert "Nguyễn Văn An" not in text and "0912345678" not in text
    assert "001090004567" not in text and "Nội bộ" not in text
    assert dossier.appointment_date.strftime("%d/%m/%Y") in text


def test_wrong_verification_reveals_nothing(client, dossier):
    wrong = client.post(
        "/vi/tra-cuu-ho-so/", {"code": dossier.code, "verify": "AAAAAAAA"}
    )
    unknown = client.post(
        "/vi/tra-cuu-ho-so/", {"code": "STP-000000-0000-XXXX", "verify": "AAAAAAAA"}
    )
    assert wrong.status_code == unknown.status_code == 200
    for response in (wrong, unknown):
        text = response.content.decode()
        assert "Không có hồ sơ nào khớp" in text
        assert dossier.procedure_name not in text and "N*****" not in text
    assert without_csrf(wrong.content).replace(
        dossier.code.encode(), b""
    ) == without_csrf(unknown.content).replace(b"STP-000000-0000-XXXX", b"")


def test_api_status(client, dossier):
    response = client.get(
        f"/api/dossiers/{dossier.code}/status/", {"verify": dossier.verification_code}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["code"] == dossier.code and data["status"] == "supplement_requested"
    assert data["applicant"] == "N***** V** A*" and data["phone"] == "091****678"
    assert [event["status"] for event in data["timeline"]] == [
        "received",
        "supplement_requested",
    ]
    assert data["appointment_date"] == dossier.appointment_date.isoformat()
    assert "internal_note" not in str(data) and "Nội bộ" not in str(data)
    wrong = client.get(f"/api/dossiers/{dossier.code}/status/", {"verify": "WRONG123"})
    unknown = client.get("/api/dossiers/NOPE/status/", {"verify": "WRONG123"})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()


@override_settings(RATE_LIMITS={"tracking": "3/600"})
def test_tracking_is_rate_limited(client, dossier):
    params = {"code": dossier.code, "verify": "AAAAAAAA"}
    for _ in range(3):
        assert client.post("/vi/tra-cuu-ho-so/", params).status_code == 200
    blocked = client.post("/vi/tra-cuu-ho-so/", params)
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    assert "Quá nhiều yêu cầu" in blocked.content.decode()
    assert "mỗi kết nối chỉ được tra cứu" in blocked.content.decode()
    # Even the right code is refused while blocked; the API shares the budget.
    right = {"code": dossier.code, "verify": dossier.verification_code}
    assert client.post("/vi/tra-cuu-ho-so/", right).status_code == 429
    api = client.get(
        f"/api/dossiers/{dossier.code}/status/", {"verify": dossier.verification_code}
    )
    assert api.status_code == 429 and "error" in api.json()
    # Another client is not affected.
    other = client.post("/vi/tra-cuu-ho-so/", right, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 303


def test_empty_form_is_not_counted(client):
    with override_settings(RATE_LIMITS={"tracking": "1/600"}):
        for _ in range(3):
            assert client.get("/vi/tra-cuu-ho-so/").status_code == 200


def test_tracking_form_errors(client):
    response = client.post("/vi/tra-cuu-ho-so/", {"code": "", "verify": ""})
    text = response.content.decode()
    assert (
        response.status_code == 200 and "Nhập mã hồ sơ ghi trên giấy tiếp nhận." in text
    )


def test_english_tracking(client, dossier):
    response = client.post(
        "/en/tra-cuu-ho-so/",
        {"code": dossier.code, "verify": dossier.verification_code},
        follow=True,
    )
    assert "Supplement requested" in response.content.decode()
