"""Fixtures for the catalogue tests: a site tree and catalogue files."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories.catalogue import build_site

SAMPLE = Path(settings.BASE_DIR) / "demo" / "sample-procedures.json"


@pytest.fixture
def site_tree(db):
    """(home, catalogue): a Vietnamese home page with the procedure catalogue."""
    return build_site()


@pytest.fixture(scope="session")
def sample_records() -> list[dict]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def write_catalogue(tmp_path):
    """Write records to a JSON file and return its path."""

    def write(records, name="catalogue.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        return path

    return write
