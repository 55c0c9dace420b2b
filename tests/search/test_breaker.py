"""The circuit breaker: the state machine, then a real node paused with SIGSTOP.

`test_a_paused_node_opens_the_breaker_and_a_resumed_one_closes_it` starts its
own OpenSearch node (search-engine/searchctl.sh, on free ports, in a temporary
directory), because pausing the suite's shared node would stall every other
test. It is marked `cluster` with the 3-node failover test.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.test import override_settings

from search import backends, indexing
from search.backends.breaker import CLOSED, HALF_OPEN, OPEN, CircuitBreaker
from search.service import warm_up

SEARCHCTL = Path(__file__).resolve().parents[2] / "search-engine" / "searchctl.sh"
SEARCH = "/api/procedures/search/"


def _settings(**extra):
    values = {
        "SEARCH_BREAKER_FAILURES": 3,
        "SEARCH_BREAKER_WINDOW": 30,
        "SEARCH_BREAKER_SECONDS": 30,
    }
    return override_settings(**{**values, **extra})


@pytest.mark.smoke
def test_one_failure_is_not_an_outage():
    breaker = CircuitBreaker()
    with _settings():
        breaker.failure("a slow first query")
        assert breaker.state == CLOSED and breaker.allow()
        breaker.success()  # the next one answered: the count starts again
        breaker.failure("timeout")
        breaker.failure("timeout")
        assert breaker.state == CLOSED


@pytest.mark.smoke
def test_failures_outside_the_window_do_not_add_up():
    breaker = CircuitBreaker()
    with _settings(SEARCH_BREAKER_WINDOW=0.2):
        breaker.failure("timeout")
        breaker.failure("timeout")
        time.sleep(0.3)
        breaker.failure("timeout")
        assert breaker.state == CLOSED


@pytest.mark.smoke
def test_open_then_one_probe_then_closed(caplog):
    breaker = CircuitBreaker()
    caplog.set_level(logging.INFO, logger="search.breaker")
    with _settings(SEARCH_BREAKER_SECONDS=0.2):
        for _ in range(3):
            breaker.failure("timeout")
        assert breaker.state == OPEN and not breaker.allow()
        time.sleep(0.25)
        assert breaker.allow()  # the probe
        assert breaker.state == HALF_OPEN
        assert not breaker.allow()  # others keep using the database meanwhile
        breaker.failure("probe timed out")
        assert breaker.state == OPEN and not breaker.allow()
        time.sleep(0.25)
        assert breaker.allow()
        breaker.success()
        assert breaker.state == CLOSED and breaker.allow()
    changes = [r.getMessage() for r in caplog.records if "->" in r.getMessage()]
    assert [m.split(":")[0] for m in changes] == [
        "Search breaker closed -> open",
        "Search breaker open -> half-open",
        "Search breaker half-open -> open",
        "Search breaker open -> half-open",
        "Search breaker half-open -> closed",
    ]
    assert caplog.records[-1].levelno == logging.INFO
    assert any(r.levelno == logging.WARNING for r in caplog.records)


@pytest.mark.smoke
def test_warm_up_at_worker_start_counts_a_dead_cluster_once(db):
    with _settings(ELASTICSEARCH_URL=f"http://127.0.0.1:{_free_port()}"):
        backends.reset()
        warm_up(wait=True)
        assert backends.breaker.state == CLOSED
        assert len(backends.breaker.failures) == 1
    backends.reset()


# A real node, paused ------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def own_node(tmp_path_factory):
    """A single OpenSearch node of this test's own; stopped afterwards."""
    port = _free_port()
    env = {
        **os.environ,
        "SEARCH_PORT": str(port),
        "SEARCH_TRANSPORT_PORT": str(_free_port()),
        "SEARCH_NODES": "1",
        "SEARCH_HEAP": "512m",
        "SEARCH_CLUSTER_NAME": "portal-breaker-test",
        "SEARCH_DATA_DIR": str(tmp_path_factory.mktemp("breaker-node")),
    }
    started = subprocess.run(  # noqa: S603
        ["bash", str(SEARCHCTL), "start"],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    if started.returncode != 0:
        pytest.fail(f"could not start a search node: {started.stderr[-2000:]}")
    pid = int(Path(env["SEARCH_DATA_DIR"], f"port-{port}", "search.pid").read_text())
    try:
        yield started.stdout.strip(), pid
    finally:
        os.kill(pid, signal.SIGCONT)
        subprocess.run(  # noqa: S603
            ["bash", str(SEARCHCTL), "stop"], env=env, capture_output=True, timeout=60
        )


def _search(client) -> tuple[str, float]:
    started = time.monotonic()
    data = client.get(SEARCH, {"q": "dang ky khai sinh"}).json()
    assert data["results"][0]["code"] == "1.001193"
    return data["backend"], time.monotonic() - started


# Seconds a search waits for the paused node, and the breaker's open time:
# generous, so the test holds on a busy 2-core machine. Only lower bounds on
# waiting are asserted (a timed-out request cannot return before its timeout);
# "did not wait" is "returned before the timeout".
TIMEOUT = 3.0
OPEN_SECONDS = 6.0


@pytest.mark.cluster
@pytest.mark.search
def test_a_paused_node_opens_the_breaker_and_a_resumed_one_closes_it(
    own_node, catalogue, search_prefix, db, client, caplog
):
    url, pid = own_node
    caplog.set_level(logging.INFO, logger="search.breaker")
    common = {"ELASTICSEARCH_URL": url, "SEARCH_INDEX_PREFIX": search_prefix}
    with _settings(**common, SEARCH_TIMEOUT=30):
        backends.reset()
        indexing.rebuild(backends.require_engine())
        # A fresh node's first searches are slow (caches, JIT): not the point.
        assert _search(client)[0] == "opensearch"
    with _settings(
        **common, SEARCH_TIMEOUT=TIMEOUT, SEARCH_BREAKER_SECONDS=OPEN_SECONDS
    ):
        backends.reset()
        assert _search(client)[0] == "opensearch"
        os.kill(pid, signal.SIGSTOP)  # a long garbage-collection pause
        try:
            # Each of the first three waits for the timeout, then the
            # database answers; the breaker opens on the third.
            for attempt in range(3):
                backend, seconds = _search(client)
                assert backend == "database" and seconds >= TIMEOUT * 0.95
                assert backends.breaker.state == (OPEN if attempt == 2 else CLOSED)
            backend, seconds = _search(client)
            assert backend == "database" and seconds < TIMEOUT  # no waiting
            assert backends.breaker.state == OPEN
            time.sleep(OPEN_SECONDS + 0.1)
            backend, seconds = _search(client)  # the probe: still paused
            assert backend == "database" and seconds >= TIMEOUT * 0.95
            assert backends.breaker.state == OPEN
        finally:
            os.kill(pid, signal.SIGCONT)
        time.sleep(OPEN_SECONDS + 0.1)
        assert _search(client)[0] == "opensearch"  # the probe succeeds
        assert backends.breaker.state == CLOSED
        assert _search(client)[0] == "opensearch"
    backends.reset()
    changes = [r.getMessage().split(":")[0] for r in caplog.records]
    assert [c for c in changes if "->" in c] == [
        "Search breaker closed -> open",
        "Search breaker open -> half-open",
        "Search breaker half-open -> open",
        "Search breaker open -> half-open",
        "Search breaker half-open -> closed",
    ]
