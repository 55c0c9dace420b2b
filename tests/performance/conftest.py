"""Static files collected the way production serves them, for the size checks."""

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

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
    import io

    from cms_pages.demo import load_site

    load_site(io.StringIO())
