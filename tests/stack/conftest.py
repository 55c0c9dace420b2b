"""Fixtures for the production-topology tests: real Redis, and the whole
`make stack` (PostgreSQL, Redis, gunicorn, worker, Varnish) started once per
session by scripts/stackctl.sh on free ports."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.stack.services import REPO, RedisServer, Stack, free_port

SAMPLE_CATALOGUE = REPO / "demo" / "sample-procedures.json"


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    directory = Path(tempfile.mkdtemp(prefix="portal-test-redis-"))
    server = RedisServer(port=free_port(), directory=directory).start()
    yield server
    server.stop()
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    """The production path on a fresh PostgreSQL: migrate → setup_site (both by
    stackctl.sh) → import_procedures, served by gunicorn behind Varnish."""
    directory = Path(tempfile.mkdtemp(prefix="portal-test-stack-"))
    directory.chmod(0o755)  # PostgreSQL and Varnish run as their own users
    running = Stack(directory=directory)
    try:
        running.start()
        running.manage("import_procedures", str(SAMPLE_CATALOGUE))
        yield running
    finally:
        left = running.stop()
        shutil.rmtree(directory, ignore_errors=True)
    assert not left, f"make stack-stop left these running: {left}"
