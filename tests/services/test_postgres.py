"""Checks against the real PostgreSQL server named by ``DATABASE_URL`` (no Django).

``scripts/run_tests.sh`` starts a private server (``scripts/pgctl.sh``) unless
``DATABASE_URL`` already points at a reachable one. A test that cannot reach
PostgreSQL fails; it never skips.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest

VIETNAMESE = "Đăng ký kinh doanh"

pytestmark = pytest.mark.postgres


@pytest.fixture
def connection() -> Iterator[psycopg.Connection]:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.fail(
            f"DATABASE_URL must name a PostgreSQL database, got {url!r}: start one "
            "with `make db-start` or run the suite with `make test`."
        )
    try:
        conn = psycopg.connect(url, connect_timeout=10, autocommit=True)
    except psycopg.OperationalError as exc:
        pytest.fail(f"cannot connect to {url}: {exc}")
    with conn:
        yield conn


def test_server_version_and_encoding(connection: psycopg.Connection) -> None:
    assert connection.info.server_version >= 150000, connection.info.server_version
    encoding = connection.execute("SHOW server_encoding").fetchone()[0]
    assert encoding == "UTF8"


def test_vietnamese_text_round_trip_and_case_folding(
    connection: psycopg.Connection,
) -> None:
    with connection.transaction(force_rollback=True):
        connection.execute("CREATE TEMPORARY TABLE services_probe (name text)")
        connection.execute("INSERT INTO services_probe VALUES (%s)", [VIETNAMESE])
        stored = connection.execute("SELECT name FROM services_probe").fetchone()[0]
        assert stored == VIETNAMESE
        # The database search backend matches case-insensitively; that needs a
        # UTF-8 aware ctype, not the C locale ("đ" must match "Đ").
        found = connection.execute(
            "SELECT count(*) FROM services_probe WHERE name ILIKE %s", ["%đăng ký%"]
        ).fetchone()[0]
        assert found == 1


def test_role_can_create_test_databases(connection: psycopg.Connection) -> None:
    """pytest-django creates and drops its own test database."""
    name = f"services_probe_{uuid.uuid4().hex[:8]}"
    connection.execute(f'CREATE DATABASE "{name}"')
    try:
        exists = connection.execute(
            "SELECT count(*) FROM pg_database WHERE datname = %s", [name]
        ).fetchone()[0]
        assert exists == 1
    finally:
        connection.execute(f'DROP DATABASE "{name}"')
