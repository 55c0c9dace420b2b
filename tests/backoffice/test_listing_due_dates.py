"""The officials' listing shows due dates as dates, with working days left or
overdue in words (not colour alone), and sorts by due date."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from portal.backoffice.deadlines import due_state
from portal.dossiers.calendar import WorkingCalendar, load_calendar
from portal.dossiers.models import DossierStatus as S

pytestmark = pytest.mark.django_db


def login(client, user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)


@pytest.fixture
def dated(make_dossier):
    """Dossiers due in 10 working days, today, 3 working days ago; one resolved."""
    calendar = load_calendar()
    today = timezone.localdate()
    ahead = calendar.add_working_days(today, 10)
    # Three working days before today (walk back until three have passed).
    back = today
    while calendar.working_days_between(back, today) < 3:
        back = back - timezone.timedelta(days=1)
    return {
        "ahead": make_dossier(code="DUE-AHEAD", appointment_date=ahead),
        "today": make_dossier(
            code="DUE-TODAY", appointment_date=today, status=S.IN_PROCESSING
        ),
        "late": make_dossier(
            code="DUE-LATE", appointment_date=back, status=S.IN_PROCESSING
        ),
        "done": make_dossier(code="DUE-DONE", appointment_date=back, status=S.APPROVED),
    }


def row_of(html: str, code: str) -> str:
    rows = re.findall(r"<tr[^>]*>.*?</tr>", html, re.S)
    return next(row for row in rows if code in row)


def test_due_state_counts_working_days():
    from datetime import date

    calendar = WorkingCalendar(days_off=frozenset({date(2026, 3, 6)}))
    monday = date(2026, 3, 2)
    assert due_state(date(2026, 3, 9), S.RECEIVED, monday, calendar).days_left == 4
    assert due_state(monday, S.RECEIVED, monday, calendar).kind == "today"
    late = due_state(date(2026, 2, 26), S.IN_PROCESSING, monday, calendar)
    assert (late.kind, late.days_late) == ("overdue", 2)  # Friday 27, Monday 2
    assert due_state(date(2026, 2, 26), S.APPROVED, monday, calendar).kind == "done"
    paused = due_state(date(2026, 2, 26), S.SUPPLEMENT_REQUESTED, monday, calendar)
    assert paused.kind == "paused"


def test_listing_shows_absolute_dates_and_days_left_in_english(client, users, dated):
    login(client, users["official"], "en")
    html = client.get(reverse("backoffice_dossiers:index")).content.decode()
    assert "Just now" not in html and " ago" not in html
    ahead = row_of(html, "DUE-AHEAD")
    assert dated["ahead"].appointment_date.strftime("%d/%m/%Y") in ahead
    assert "10 working days left" in ahead
    assert "Due today" in row_of(html, "DUE-TODAY")
    late = row_of(html, "DUE-LATE")
    assert "Overdue by 3 working days" in late
    # The flag is words and an icon, not a colour alone.
    assert 'class="due due--overdue"' in late
    done = row_of(html, "DUE-DONE")
    assert "Overdue" not in done and "left" not in done
    received = dated["ahead"].received_at
    assert timezone.localtime(received).strftime("%d/%m/%Y") in ahead


def test_listing_in_vietnamese(client, users, dated):
    login(client, users["official"], "vi")
    html = client.get(reverse("backoffice_dossiers:index")).content.decode()
    assert "Còn 10 ngày làm việc" in row_of(html, "DUE-AHEAD")
    assert "Đến hạn hôm nay" in row_of(html, "DUE-TODAY")
    assert "Quá hạn 3 ngày làm việc" in row_of(html, "DUE-LATE")
    assert "Just now" not in html and "Vừa xong" not in html


def test_listing_sorts_by_due_date(client, users, dated):
    login(client, users["official"], "en")
    url = reverse("backoffice_dossiers:index")
    html = client.get(url, {"ordering": "appointment_date"}).content.decode()
    order = [m for m in re.findall(r"DUE-[A-Z]+", html) if m in html]
    positions = {code: html.index(code) for code in dict.fromkeys(order)}
    assert positions["DUE-LATE"] < positions["DUE-TODAY"] < positions["DUE-AHEAD"]
    html = client.get(url, {"ordering": "-appointment_date"}).content.decode()
    assert html.index("DUE-AHEAD") < html.index("DUE-TODAY") < html.index("DUE-LATE")


def sidebar_labels(html: str) -> set[str]:
    """The labels of the admin's sidebar menu (rendered from JSON props)."""
    raw = re.findall(r'"label":\s*"([^"]+)"', html.replace("&quot;", '"'))
    return {json.loads(f'"{label}"') for label in raw}


def test_back_office_is_vietnamese_whatever_the_browser_says(client, users, dated):
    """No preference chosen: Vietnamese, though the browser asks for English."""
    client.force_login(users["official"])
    html = client.get(
        reverse("backoffice_dossiers:index"), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert '<html lang="vi"' in html
    assert "Còn 10 ngày làm việc" in row_of(html, "DUE-AHEAD")
    labels = sidebar_labels(html)
    assert {"Báo cáo", "Trợ giúp"} <= labels, labels
    assert not labels & {"Reports", "Help", "Dashboard", "Pages"}, labels
    for english in ("Filter by", "Show filters", "Toggle sidebar", "Search…"):
        assert english not in html, english
    # The login page too (no user, no preference yet).
    client.logout()
    login_page = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")
    login_html = login_page.content.decode()
    assert '<html lang="vi"' in login_html
    assert "Sign in" not in login_html and "Remember me" not in login_html
    assert "Quên mật khẩu?" in login_html


def test_an_official_may_choose_english(client, users, dated):
    login(client, users["official"], "en")
    html = client.get(
        reverse("backoffice_dossiers:index"), HTTP_ACCEPT_LANGUAGE="vi"
    ).content.decode()
    assert '<html lang="en"' in html
    assert "Reports" in sidebar_labels(html)
