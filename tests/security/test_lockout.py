"""Admin login throttling (django-axes): lockout per user name and per
address, a message in the user's language, audit entries, unlock by centre
staff, and shorter idle sessions for back-office users."""

from __future__ import annotations

import pytest
from django.apps import apps
from wagtail.models import ModelLogEntry

from portal.backoffice.migrations import _groups
from portal.security.lockout import LOCKOUT_ACTION, UNLOCK_ACTION
from tests.factories.backoffice import UserFactory, make_centre_staff, make_editor

LOGIN = "/admin/login/"
PASSWORD = "pw-123456"  # UserFactory's


@pytest.fixture
def official(db):
    _groups.create_groups(apps, None)
    return UserFactory(username="canbo", is_superuser=True, is_staff=True)


def login(client, username, password, address="203.0.113.9", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **extra,
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, official):
    """The attack from the issue: it used to log in."""
    for _ in range(30):
        login(client, "canbo", "doan-bua")
    response = login(client, "canbo", PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)


def test_lockout_after_the_configured_number_of_failures(client, official, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        assert login(client, "canbo", "sai").status_code == 200
    locked = login(client, "canbo", "sai")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == 15 * 60
    page = locked.content.decode()
    assert "Tạm khóa đăng nhập" in page and "15 phút" in page
    assert login(client, "canbo", PASSWORD).status_code == 429
    assert not logged_in(client)


def test_the_message_is_in_the_back_offices_language(client, official, settings):
    """The back office is Vietnamese whatever the browser asks for (issue 13)."""
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        response = login(client, "canbo", "wrong", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()


def test_per_user_name_across_addresses(client, official, settings):
    settings.AXES_FAILURE_LIMIT = 4
    for n in range(4):
        login(client, "canbo", "sai", address=f"198.51.100.{n}")
    assert login(client, "canbo", PASSWORD, address="192.0.2.50").status_code == 429


def test_per_address_across_user_names(client, official, settings):
    settings.AXES_FAILURE_LIMIT = 4
    for n in range(4):
        login(client, f"khach{n}", "sai", address="198.51.100.7")
    assert login(client, "canbo", PASSWORD, address="198.51.100.7").status_code == 429
    response = login(client, "canbo", PASSWORD, address="192.0.2.50")
    assert response.status_code == 302 and logged_in(client)


def test_every_lockout_is_in_the_audit_log(client, official, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(3):
        login(client, "canbo", "sai")
    entries = ModelLogEntry.objects.filter(action=LOCKOUT_ACTION)
    assert entries.count() >= 1
    entry = entries.first()
    assert entry.object_id == str(official.pk)
    assert entry.data == {"username": "canbo", "ip_address": "203.0.113.9"}


def test_centre_staff_unlock_in_the_admin(client, official, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        login(client, "canbo", "sai")
    assert login(client, "canbo", PASSWORD).status_code == 429

    staff = make_centre_staff()
    staff_client = type(client)()
    staff_client.force_login(staff)
    listing = staff_client.get("/admin/security/lockouts/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "canbo" in page and "Đang bị khóa" in page
    attempt = listing.context["rows"][0]["attempt"]
    response = staff_client.post(f"/admin/security/lockouts/{attempt.pk}/unlock/")
    assert response.status_code == 302

    assert login(client, "canbo", PASSWORD).status_code == 302
    unlock = ModelLogEntry.objects.get(action=UNLOCK_ACTION)
    assert unlock.user_id == staff.pk and unlock.object_id == str(official.pk)


def test_only_centre_staff_may_unlock(client, official):
    editor = make_editor()
    client.force_login(editor)
    # Wagtail turns PermissionDenied into a redirect to the dashboard.
    response = client.get("/admin/security/lockouts/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    attempt_unlock = client.post("/admin/security/lockouts/1/unlock/")
    assert attempt_unlock.status_code == 302 and attempt_unlock["Location"] == "/admin/"


def test_back_office_sessions_idle_out_sooner(client, official, settings):
    settings.BACKOFFICE_SESSION_IDLE_SECONDS = 600
    settings.SESSION_COOKIE_AGE = 14 * 24 * 3600
    citizen = type(client)()
    citizen.get("/vi/tra-cuu-ho-so/", {"code": "X", "verify": "Y"})
    citizen.session["x"] = 1
    assert citizen.session.get_expiry_age() == 14 * 24 * 3600

    assert login(client, "canbo", PASSWORD).status_code == 302
    client.get("/admin/")
    assert client.session.get_expiry_age() == 600
