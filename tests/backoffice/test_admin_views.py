"""The permission matrix on the admin screens: each role × own/other agency ×
listing, dossier page, every action (form and post), document download and
apology letter."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.backoffice.models import ApologyLetter
from portal.backoffice.workflow import ACTIONS
from portal.dossiers.calendar import load_calendar
from portal.dossiers.models import DossierDocument
from portal.dossiers.models import DossierStatus as S
from tests.backoffice.test_permissions import MAY_ACT, MAY_VIEW

pytestmark = pytest.mark.django_db

ROLES = ["superuser", "centre", "official", "other_official", "editor"]
# A status from which each action is possible.
START_STATUS = {
    "start": S.RECEIVED,
    "request_supplement": S.IN_PROCESSING,
    "record_supplement": S.SUPPLEMENT_REQUESTED,
    "approve": S.IN_PROCESSING,
    "refuse": S.IN_PROCESSING,
    "return_result": S.APPROVED,
    "transfer": S.IN_PROCESSING,
    "withdraw": S.IN_PROCESSING,
    "apologise": S.IN_PROCESSING,  # the factory's dates are in the past: overdue
}


def denied(response) -> bool:
    """Wagtail answers a refusal with a redirect to the dashboard, 403 or 404."""
    if response.status_code == 302:
        return response["Location"] in ("/admin/", reverse("wagtailadmin_home"))
    return response.status_code in (403, 404)


@pytest.fixture
def document(make_dossier):
    dossier = make_dossier()
    doc = DossierDocument(
        dossier=dossier,
        document_name="Tờ khai",
        original_name="to-khai.pdf",
        size=8,
        content_type="application/pdf",
        sha256="0" * 64,
    )
    doc.file.save(
        f"dossiers/{dossier.pk}/to-khai.pdf", ContentFile(b"%PDF-1.4"), save=True
    )
    return doc


def post_data(action_name, agencies):
    calendar = load_calendar()
    return {
        "note": "Lý do thử nghiệm",
        "internal_note": "",
        "other_documents": "Bản sao CCCD",
        "to_agency": str(agencies[1].pk),
        "new_date": calendar.add_working_days(timezone.localdate(), 3).isoformat(),
    }


@pytest.mark.parametrize("role", ROLES)
def test_listing(role, client, users, make_dossier, agencies):
    own = make_dossier(code="OWN-0001")
    other = make_dossier(code="OTHER-0001", agency=agencies[1])
    client.force_login(users[role])
    response = client.get(reverse("backoffice_dossiers:index"))
    if role == "editor":
        assert denied(response)
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert (own.code in html) is (role in MAY_VIEW)
    assert (other.code in html) is (role in {"superuser", "centre", "other_official"})


@pytest.mark.parametrize("role", ROLES)
def test_dossier_page(role, client, users, make_dossier):
    dossier = make_dossier(status=S.IN_PROCESSING)
    client.force_login(users[role])
    response = client.get(reverse("backoffice_dossiers:inspect", args=[dossier.pk]))
    if role not in MAY_VIEW:
        assert denied(response)
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert dossier.applicant_name in html
    # Exactly the allowed actions are offered.
    for name, roles in MAY_ACT.items():
        url = reverse("backoffice_dossiers:action", args=[dossier.pk, name])
        possible = S.IN_PROCESSING in ACTIONS[name].sources
        assert (url in html) is (possible and role in roles), name


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action_name", sorted(ACTIONS))
def test_action_form_and_post(role, action_name, client, users, make_dossier, agencies):
    dossier = make_dossier(status=START_STATUS[action_name])
    client.force_login(users[role])
    url = reverse("backoffice_dossiers:action", args=[dossier.pk, action_name])
    form = client.get(url)
    response = client.post(url, post_data(action_name, agencies))
    dossier.refresh_from_db()
    if role in MAY_ACT[action_name]:
        assert form.status_code == 200
        assert response.status_code == 302, response.content.decode()[:2000]
        expected = ACTIONS[action_name].target or START_STATUS[action_name]
        assert dossier.status == expected
        assert dossier.events.count() == 2
    else:
        assert denied(form)
        assert denied(response)
        assert dossier.status == START_STATUS[action_name]
        assert dossier.events.count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_document_download(role, client, users, document):
    client.force_login(users[role])
    url = reverse(
        "backoffice_dossiers:document", args=[document.dossier_id, document.pk]
    )
    response = client.get(url)
    logged = ModelLogEntry.objects.filter(action="backoffice.dossier.download")
    if role in MAY_VIEW:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4"
        assert "attachment" in response["Content-Disposition"]
        assert logged.get().user == users[role]
    else:
        assert denied(response)
        assert not logged.exists()


def test_documents_are_not_served_publicly(client, document):
    assert client.get("/media/" + document.file.name).status_code == 404
    url = reverse(
        "backoffice_dossiers:document", args=[document.dossier_id, document.pk]
    )
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_apology_letter(role, client, users, make_dossier):
    dossier = make_dossier(status=S.IN_PROCESSING)
    letter = ApologyLetter.objects.create(
        dossier=dossier,
        previous_date=dossier.appointment_date,
        new_date=dossier.appointment_date.replace(day=13),
        reason="Cần xác minh với cơ quan khác",
    )
    client.force_login(users[role])
    response = client.get(
        reverse("backoffice_dossiers:apology_letter", args=[dossier.pk, letter.pk])
    )
    if role in MAY_VIEW:
        assert response.status_code == 200
        html = response.content.decode()
        assert "13/03/2026" in html
        assert "Cần xác minh với cơ quan khác" in html
        assert "THƯ XIN LỖI" in html
    else:
        assert denied(response)


def test_filters_and_search(client, users, make_dossier):
    late = make_dossier(code="LATE-1", status=S.IN_PROCESSING)
    today = timezone.localdate()
    fresh = make_dossier(
        code="FRESH-1", appointment_date=today, applicant_name="Trần Thị Bình"
    )
    done = make_dossier(code="DONE-1", status=S.APPROVED)
    client.force_login(users["centre"])
    index = reverse("backoffice_dossiers:index")

    def codes(**params):
        html = client.get(index, params).content.decode()
        return {d.code for d in (late, fresh, done) if d.code in html}

    assert codes(deadline="overdue") == {"LATE-1"}
    assert codes(deadline="due_1") == {"FRESH-1"}
    assert codes(status="approved") == {"DONE-1"}
    assert codes(q="Bình") == {"FRESH-1"}
    assert codes(q="late-1") == {"LATE-1"}


def test_supplement_form_lists_missing_documents_and_needs_one(
    client, users, make_dossier
):
    dossier = make_dossier(status=S.IN_PROCESSING)
    client.force_login(users["official"])
    url = reverse("backoffice_dossiers:action", args=[dossier.pk, "request_supplement"])
    response = client.post(url, {"note": "Thiếu", "other_documents": "  "})
    assert response.status_code == 200
    assert "Hãy liệt kê ít nhất một giấy tờ cần bổ sung." in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == S.IN_PROCESSING


def test_dashboard_panel_shows_overdue_dossiers(client, users, make_dossier):
    make_dossier(code="LATE-9", status=S.IN_PROCESSING)
    client.force_login(users["official"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "LATE-9" in html
    client.force_login(users["editor"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "LATE-9" not in html


def test_officials_are_managed_in_settings(client, users, agencies):
    client.force_login(users["superuser"])
    assert client.get(reverse("backoffice_officials:index")).status_code == 200
    assert client.get(reverse("backoffice_officials:add")).status_code == 200
    client.force_login(users["official"])
    assert denied(client.get(reverse("backoffice_officials:index")))


def test_actions_are_in_the_audit_log_with_their_labels(client, users, make_dossier):
    from wagtail.log_actions import registry

    dossier = make_dossier()
    client.force_login(users["official"])
    client.post(
        reverse("backoffice_dossiers:action", args=[dossier.pk, "start"]),
        {"note": "", "internal_note": "Giao chuyên viên A"},
    )
    entry = ModelLogEntry.objects.get(object_id=str(dossier.pk))
    assert entry.action == "backoffice.dossier.start"
    assert entry.user == users["official"]
    assert str(registry.get_action_label(entry.action)) == "Bắt đầu xử lý"
    event = dossier.events.last()
    assert (event.actor, event.internal_note) == (
        users["official"],
        "Giao chuyên viên A",
    )
