"""Ratings and statistics read the back office's records: the same groups and
clean caches as the back-office tests (agencies, users and `make_dossier` come
from tests/conftest.py)."""

from tests.backoffice.conftest import _groups, clear_cache  # noqa: F401 - autouse fixtures
