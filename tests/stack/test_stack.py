"""`make stack` end to end: real PostgreSQL, Redis, gunicorn, worker and Varnish.

The session fixture `stack` runs scripts/stackctl.sh (what `make stack` runs)
on free ports, imports the sample catalogue into the bare site that
`setup_site` made, and stops everything at the end, checking that nothing it
started is left running.
"""

from __future__ import annotations

import time

import pytest

from tests.stack.services import Stack, fetch, wait_for

pytestmark = pytest.mark.stack

PROCEDURE = "2.001612"
PROCEDURE_PATH = "/vi/thu-tuc/2-001612-dang-ky-doanh-nghiep-tu-nhan/"


def retitle(new_title: str) -> str:
    """Shell code: publish the procedure under a new title, print the commit time."""
    return (
        "import time;"
        "from cms_pages.models import ProcedurePage;"
        f"page = ProcedurePage.objects.get(code='{PROCEDURE}', locale__language_code='vi');"
        f"page.title = '{new_title}';"
        "page.save_revision().publish();"
        "print(time.time(), flush=True)"
    )


def test_production_path_serves_the_imported_catalogue(stack: Stack) -> None:
    """migrate → setup_site → import_procedures → the page, through Varnish."""
    page = fetch(stack.url + PROCEDURE_PATH)
    assert page.status == 200
    assert "Đăng ký doanh nghiệp tư nhân" in page.text
    english = fetch(stack.url + "/en/")
    assert english.status == 200
    assert stack.env["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"


def test_setup_site_made_no_demo_content(stack: Stack) -> None:
    out = stack.shell(
        "from django.contrib.auth import get_user_model;"
        "from portal.dossiers.models import Dossier;"
        "print(get_user_model().objects.count(), Dossier.objects.count())"
    )
    assert out.split() == ["0", "0"]


def test_anonymous_pages_are_cached_and_served_from_varnish(stack: Stack) -> None:
    for path in ("/vi/", "/en/", PROCEDURE_PATH):
        first = fetch(stack.url + path)
        second = fetch(stack.url + path)
        assert first.status == second.status == 200, path
        assert "s-maxage=" in second.cache_control and "public" in second.cache_control
        assert "set-cookie" not in second.headers, path
        assert second.headers["x-cache"] == "HIT", path


def test_admin_and_sessions_are_never_cached(stack: Stack) -> None:
    for _ in range(2):
        login = fetch(stack.url + "/admin/login/")
        assert login.headers["x-cache"] == "MISS"
        assert "no-store" in login.cache_control
    fetch(stack.url + "/vi/")  # cached for anonymous visitors
    with_session = fetch(stack.url + "/vi/", headers={"Cookie": "sessionid=abc"})
    assert with_session.headers["x-cache"] == "MISS"
    assert "private" in with_session.cache_control


def test_published_edit_is_visible_through_the_cache_within_2_seconds(
    stack: Stack,
) -> None:
    fetch(stack.url + PROCEDURE_PATH)
    assert fetch(stack.url + PROCEDURE_PATH).headers["x-cache"] == "HIT"
    new_title = f"Đăng ký doanh nghiệp tư nhân (sửa {time.time_ns()})"
    # The shell prints the moment the publish transaction has committed.
    stack.timed_change(
        retitle(new_title),
        lambda: new_title in fetch(stack.url + PROCEDURE_PATH).text,
        "the edited title through Varnish",
    )
    # The catalogue listing and the API: test_listing_variants_and_the_api_...


def test_menu_edit_reaches_every_page_at_once(stack: Stack) -> None:
    for path in ("/vi/", PROCEDURE_PATH):
        fetch(stack.url + path)
    label = f"Hỏi đáp {time.time_ns()}"
    stack.timed_change(
        "import json, time;"
        "from django.apps import apps;"
        "Menu = apps.get_model('cms_pages', 'NavigationMenu');"
        "menu = Menu.objects.get(location='header', locale__language_code='vi');"
        "links = menu.links.get_prep_value();"
        f"links.append({{'type': 'link', 'value': {{'text': '{label}', 'page': None, 'url': '/vi/hoi-dap/'}}}});"
        "menu.links = json.dumps(links);"
        "menu.save();"
        "print(time.time(), flush=True)",
        lambda: all(
            label in fetch(stack.url + path).text for path in ("/vi/", PROCEDURE_PATH)
        ),
        "the new menu link on every page",
    )
    # Every gunicorn process renders the new menu at once (shared Redis cache),
    # not after the per-process chrome cache expires.
    for _ in range(6):
        assert label in fetch(stack.app_url + "/vi/").text


def test_worker_runs_queued_tasks(stack: Stack) -> None:
    out = stack.shell(
        "from portal.frontend_cache import ban_site_task;"
        "print(ban_site_task.enqueue().id)"
    )
    task_id = out.strip().splitlines()[-1]
    status = (
        "from django_tasks_db.models import DBTaskResult;"
        f"print(DBTaskResult.objects.get(id='{task_id}').status)"
    )
    wait_for(lambda: stack.shell(status).strip() == "SUCCESSFUL", 30, "the task to run")


def cached(stack: Stack, path: str) -> None:
    """Fetch `path` until Varnish answers it from its cache."""
    fetch(stack.url + path)
    answer = fetch(stack.url + path)
    assert answer.headers["x-cache"] == "HIT", (path, answer.cache_control)


def test_listing_variants_and_the_api_are_purged_with_the_page(stack: Stack) -> None:
    listing = "/vi/thu-tuc/?page=2"
    api = f"/api/procedures/{PROCEDURE}/?locale=vi"
    for path in (listing, api):
        cached(stack, path)
    new_title = f"Đăng ký doanh nghiệp tư nhân ({time.time_ns()})"
    stack.timed_change(
        retitle(new_title),
        lambda: new_title in fetch(stack.url + api).text,
        "the API answer refreshed",
    )
    page_two = fetch(stack.url + listing)
    page_one = fetch(stack.url + "/vi/thu-tuc/")
    assert new_title in page_one.text + page_two.text


def test_unpublished_page_disappears_from_the_cache(stack: Stack) -> None:
    path = "/vi/thu-tuc/2-000720-dang-ky-thanh-lap-ho-kinh-doanh/"
    cached(stack, path)
    stack.timed_change(
        "import time;"
        "from cms_pages.models import ProcedurePage;"
        "ProcedurePage.objects.get(code='2.000720', locale__language_code='vi')"
        ".unpublish();"
        "print(time.time(), flush=True)",
        lambda: fetch(stack.url + path).status == 404,
        "a 404 through Varnish",
    )
