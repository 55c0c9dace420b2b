"""Real services for the stack tests: a Redis server and the whole `make stack`.

Everything binds 127.0.0.1 on ports free at run time (several suites may run
at once on one machine), lives in a temporary directory, and is stopped when
the session ends. A service that does not start fails the tests that need
it; nothing is mocked or skipped.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = REPO / ".venv" / "bin" / "python"


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout: float, what: str) -> None:
    """Poll `predicate` every 50 ms until it is true; fail after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what}: not within {timeout} s")


@dataclass
class RedisServer:
    """A redis-server started from deploy/redis/redis.conf."""

    port: int
    directory: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        binary = shutil.which("redis-server")
        assert binary, "redis-server not found: .ci/run installs the Debian package"
        self.process = subprocess.Popen(  # noqa: S603
            [
                binary,
                str(REPO / "deploy/redis/redis.conf"),
                "--port",
                str(self.port),
                "--dir",
                str(self.directory),
                "--daemonize",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        wait_for(self.answers, 10, f"redis-server on {self.port}")
        return self

    def answers(self) -> bool:
        try:
            with socket.create_connection(
                ("127.0.0.1", self.port), timeout=0.5
            ) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)


@dataclass
class Stack:
    """`scripts/stackctl.sh` run on free ports in a temporary directory."""

    directory: Path
    ports: dict[str, int] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.ports['STACK_PORT']}"

    @property
    def app_url(self) -> str:
        """gunicorn itself, behind Varnish."""
        return f"http://127.0.0.1:{self.ports['STACK_APP_PORT']}"

    def control_env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "ELASTICSEARCH_", "SEARCH_"))
        }
        env.update({key: str(port) for key, port in self.ports.items()})
        env.update(
            STACK_DIR=str(self.directory),
            STACK_ENV=str(self.directory / "stack.env"),
            # Two processes, so the tests can see that every process shares the cache.
            WEB_CONCURRENCY="2",
            GUNICORN_THREADS="2",
        )
        return env

    def control(self, command: str) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603
            [str(REPO / "scripts/stackctl.sh"), command],
            cwd=REPO,
            env=self.control_env(),
            capture_output=True,
            text=True,
            timeout=600,
        )

    def start(self) -> Stack:
        for name in (
            "STACK_PORT",
            "STACK_APP_PORT",
            "STACK_PGPORT",
            "STACK_REDIS_PORT",
        ):
            self.ports[name] = free_port()
        result = self.control("start")
        assert result.returncode == 0, f"stackctl.sh start failed:\n{result.stderr}"
        assert result.stdout.strip() == self.url, result.stdout
        self.env = read_env(self.directory / "stack.env")
        return self

    def stop(self) -> list[str]:
        """Stop the stack; return what still runs afterwards (should be nothing)."""
        pidfiles = sorted(self.directory.glob("*.pid"))
        pids = [int(path.read_text()) for path in pidfiles]
        result = self.control("stop")
        assert result.returncode == 0, result.stderr
        alive = [str(pid) for pid in pids if pid_alive(pid)]
        alive += [f"port {port}" for port in self.ports.values() if port_open(port)]
        return alive

    def manage(self, *args: str, stdin: str | None = None) -> str:
        """Run manage.py against the stack, as an operator would with stack.env."""
        env = {**self.control_env(), **self.env}
        result = subprocess.run(  # noqa: S603
            [str(PYTHON), "manage.py", *args],
            cwd=REPO,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, (
            f"manage.py {' '.join(args)}:\n{result.stderr[-3000:]}"
        )
        return result.stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", "--no-imports", "-c", code)

    def timed_change(self, code: str, visible, what: str, within: float = 2.0) -> float:
        """Run `code` (which must print time.time() right after its commit) in
        a manage.py shell, poll `visible()` from the moment that line appears,
        and return the seconds until it was true; fail after `within` s."""
        env = {**self.control_env(), **self.env}
        process = subprocess.Popen(  # noqa: S603
            [str(PYTHON), "manage.py", "shell", "--no-imports", "-c", code],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            line = process.stdout.readline()
            assert line.strip(), (
                f"no commit time printed: {process.stderr.read()[-2000:]}"
            )
            committed = float(line)
            while time.time() - committed < within:
                if visible():
                    return time.time() - committed
                time.sleep(0.05)
            raise AssertionError(f"{what}: not within {within} s of the commit")
        finally:
            process.communicate(timeout=120)


def read_env(path: Path) -> dict[str, str]:
    """The KEY=VALUE lines of a stack.env file."""
    values = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            values[key] = value
    return values


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


@dataclass
class Answer:
    """An HTTP answer: status, headers (lower-case names) and text."""

    status: int
    headers: dict[str, str]
    text: str

    @property
    def cache_control(self) -> str:
        return self.headers.get("cache-control", "")


def fetch(url: str, headers: dict[str, str] | None = None) -> Answer:
    """GET `url` without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    try:
        with opener.open(request, timeout=30) as response:
            body = response.read().decode("utf-8", "replace")
            status, raw = response.status, response.headers
    except urllib.error.HTTPError as error:
        body, status, raw = (
            error.read().decode("utf-8", "replace"),
            error.code,
            error.headers,
        )
    headers = {}
    for name, value in raw.items():
        name = name.lower()
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return Answer(status, headers, body)
