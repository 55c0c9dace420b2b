"""Browser test harness: Debian's Chromium driven by Playwright, one per session.

Why the set-up looks the way it does:

- The browser is the system `chromium` (Debian package), started through
  Playwright's `executable_path`. Nothing here downloads a browser: never run
  `playwright install`. Without `/usr/bin/chromium` the tests fail (they are
  not skipped): `.ci/run` installs it.
- The demo content is loaded once per session into the test database and
  served by one live server thread for the whole session. pytest-django's
  `live_server` fixture forces a transactional flush after every test, which
  would mean loading the whole demo catalogue again for each test; the
  browser tests only read pages and file new dossiers with their own data, so
  sharing one site between them is safe and keeps the run short.
  Without a `db` marker these tests are ordered after the database tests by
  pytest-django, so the content they leave behind cannot disturb them.
- Playwright's sync API runs an event loop in the main thread, which makes
  Django refuse ORM calls there unless DJANGO_ALLOW_ASYNC_UNSAFE is set.
- A failing test leaves a full-page screenshot in `test-artifacts/`.
"""

import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that drive the browser (`-m browser`, `-m "not browser"`)."""
    browser_fixtures = {"browser", "page", "new_tab"}
    for item in items:
        if browser_fixtures & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keep each phase's report on the item so fixtures can see a failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def ensure_wagtail_root() -> None:
    """Recreate what Wagtail's migrations create, if a transactional test flushed it.

    Transactional tests that ran earlier in the session truncate every table,
    including the root page and the default locale created by migrations.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    # The flush recreated content types with new ids; the per-process cache
    # (cleared per test by tests/conftest.py, but this runs before that)
    # would still hand out the old ones.
    ContentType.objects.clear_cache()
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", live=True))


@pytest.fixture(scope="session")
def demo_site(request, django_db_setup, django_db_blocker) -> Iterator[str]:
    """The demo portal behind one live server for the whole session; yields its URL."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup
    from pytest_django.live_server_helper import LiveServer

    # pytest-django creates the test database only for sessions where some test
    # asks for `db`; when only browser tests run, create it here (never touch
    # the developer's own database).
    aliases, _ = _get_databases_for_setup(request.session.items)
    own_databases = None
    with django_db_blocker.unblock():
        if "default" not in aliases:
            own_databases = setup_databases(
                verbosity=0, interactive=False, aliases={"default"}
            )
        ensure_wagtail_root()
        call_command("load_demo", stdout=io.StringIO())
        # Index exactly this content, failing loudly: load_demo only warns when
        # the search node does not answer.
        call_command("search_index", "rebuild", stdout=io.StringIO())
        server = LiveServer("127.0.0.1:0")
    # The live server is the public site of this session: absolute links the
    # portal hands out (search suggestions, API results, e-mails) point at it.
    public_base = override_settings(
        PUBLIC_BASE_URL=server.url, WAGTAILADMIN_BASE_URL=server.url
    )
    public_base.enable()
    try:
        yield server.url
    finally:
        public_base.disable()
        server.stop()
        if own_databases is not None:
            with django_db_blocker.unblock():
                teardown_databases(own_databases, verbosity=0)


@pytest.fixture(autouse=True)
def _database_open(django_db_blocker) -> Iterator[None]:
    """Let the live server thread (and the test) reach the database."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session, with a fresh profile.

    Playwright's `launch()` gives the browser a new temporary user data
    directory and removes it afterwards.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install the Debian package `chromium`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_tab(browser: Browser, demo_site: str, request: pytest.FixtureRequest):
    """Open browser tabs on the demo site, each with its own cookies.

    `new_tab(viewport=..., device_scale_factor=...)` takes Playwright's
    context options. Relative URLs (`tab.goto("/vi/")`) resolve against the
    live server. If the test fails, every tab it opened is screenshotted.
    """
    contexts = []

    def open_tab(**options) -> Page:
        options = {
            "base_url": demo_site,
            "viewport": {"width": 1280, "height": 900},
            "locale": "vi-VN",
            **options,
        }
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    report = getattr(request.node, "report_call", None)
    failed = report is not None and report.failed
    for number, context in enumerate(contexts):
        if failed:
            for tab in context.pages:
                save_screenshot(tab, f"{request.node.nodeid}-{number}")
        context.close()


@pytest.fixture
def page(new_tab) -> Page:
    """A desktop-sized browser tab on the demo site."""
    return new_tab()


def save_screenshot(tab: Page, nodeid: str) -> Path | None:
    """Save a full-page screenshot of `tab` under test-artifacts/, named after the test."""
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_") + ".png"
    path = ARTIFACTS / name
    try:
        tab.screenshot(path=str(path), full_page=True)
    except Exception:  # a crashed tab must not hide the test's own failure
        return None
    return path


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The axe-core script from node_modules (installed by `npm ci`)."""
    if not AXE_JS.exists():
        npm = shutil.which("npm") or "npm"
        pytest.fail(f"{AXE_JS} is missing: run `{npm} ci` at the repository root")
    return AXE_JS.read_text(encoding="utf-8")


# --- static files as production serves them (WhiteNoise, hashed + compressed) ---

PRODUCTION_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}


@pytest.fixture(scope="session")
def collected_static() -> Iterator[Path]:
    """Run `collectstatic` once with hashed, compressed storage into a temp dir."""
    root = Path(tempfile.mkdtemp(prefix="portal-static-"))
    with override_settings(STATIC_ROOT=root, STORAGES=PRODUCTION_STATIC):
        call_command("collectstatic", interactive=False, verbosity=0)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def production_static(collected_static: Path, settings) -> Path:
    """Serve and reference the collected files as production does (WhiteNoise)."""
    from django.conf import settings as django_settings

    settings.STATIC_ROOT = collected_static
    settings.STORAGES = {**django_settings.STORAGES, **PRODUCTION_STATIC}
    return collected_static


@pytest.fixture
def home_page(db):
    """The home pages in both languages (the first demo step only: quick)."""
    from demo.site import load_site

    load_site(io.StringIO())
