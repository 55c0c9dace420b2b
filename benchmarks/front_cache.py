"""Front cache benchmark: nginx static vs Varnish cached vs gunicorn uncached.

Measures, in one run and on one pinned core, requests per second for:

1. nginx serving the procedure page's HTML from a file (the ceiling);
2. the same page cached by Varnish (`make stack`);
3. the same page rendered by gunicorn each time (Varnish bypassed);

then prints each as a fraction of (1). With `--render` it also renders the
procedure page, the catalogue and the home page in this process (Django test
client, the stack's database) and prints CPU milliseconds and queries each.

Needs a running stack with the demo (`make stack STACK_DEMO=1`), Debian's
nginx (`apt-get install nginx-light`) and wrk (`apt-get install wrk`). The
server processes are pinned to --server-cpu for the run (restored after),
wrk to --client-cpu. Only 127.0.0.1 is ever a target; runs are bounded by
--seconds.

    .venv/bin/python benchmarks/front_cache.py --render
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.stack.services import free_port, read_env  # noqa: E402 - the same harness as the tests

STACK_ENV = REPO / ".services" / "stack.env"
PROCEDURE_PATH = "/vi/thu-tuc/2-001612-dang-ky-doanh-nghiep-tu-nhan/"


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants."""
    found = [pid]
    children = subprocess.run(
        ["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    for child in children:
        found.extend(process_tree(int(child)))
    return found


def pin(pids: list[int], cpus: str) -> None:
    for pid in pids:
        subprocess.run(
            ["taskset", "-a", "-p", "-c", cpus, str(pid)],
            capture_output=True,
            check=False,
        )


def wrk(url: str, seconds: int, connections: int, cpu: int) -> float:
    """Requests per second wrk reaches on `url` (one thread on `cpu`)."""
    result = subprocess.run(
        [
            "taskset",
            "-c",
            str(cpu),
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    )
    match = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    if not match or "Non-2xx" in result.stdout:
        sys.exit(f"wrk on {url} failed:\n{result.stdout}")
    return float(match.group(1))


def start_nginx(html: bytes, cpu: int) -> tuple[subprocess.Popen, str, Path]:
    """nginx, one worker on `cpu`, serving `html` for every path."""
    root = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    root.chmod(0o755)
    (root / "page.html").write_bytes(html)
    (root / "page.html").chmod(0o644)
    port = free_port()
    (root / "nginx.conf").write_text(
        f"""worker_processes 1;
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location / {{ default_type "text/html; charset=utf-8"; try_files /page.html =404; }}
    }}
}}
"""
    )
    process = subprocess.Popen(
        [
            "taskset",
            "-c",
            str(cpu),
            shutil.which("nginx") or "/usr/sbin/nginx",
            "-c",
            str(root / "nginx.conf"),
            "-p",
            str(root),
        ],
    )
    url = f"http://127.0.0.1:{port}/page.html"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1).read()  # noqa: S310
            break
        except OSError:
            time.sleep(0.05)
    return process, url, root


def stack_pids(stack_dir: Path, names: list[str]) -> list[int]:
    pids = []
    for name in names:
        pidfile = stack_dir / f"{name}.pid"
        if not pidfile.exists():
            sys.exit(f"{pidfile} missing: is `make stack` running?")
        pids.extend(process_tree(int(pidfile.read_text())))
    return pids


def http_comparison(args: argparse.Namespace, env: dict[str, str]) -> None:
    varnish = env["PUBLIC_BASE_URL"].rstrip("/")
    app_port = int(varnish.rsplit(":", 1)[1]) + 1
    app = f"http://127.0.0.1:{os.environ.get('STACK_APP_PORT', app_port)}"
    stack_dir = Path(os.environ.get("STACK_DIR", REPO / ".services" / "stack"))
    html = urllib.request.urlopen(varnish + args.path, timeout=30).read()  # noqa: S310
    nginx, nginx_url, root = start_nginx(html, args.server_cpu)
    servers = stack_pids(stack_dir, ["varnish", "gunicorn"])
    pin(servers, str(args.server_cpu))
    try:
        figures = {
            "nginx static": wrk(nginx_url, args.seconds, 16, args.client_cpu),
            "varnish cached": wrk(
                varnish + args.path, args.seconds, 16, args.client_cpu
            ),
            "gunicorn uncached": wrk(app + args.path, args.seconds, 4, args.client_cpu),
        }
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)
        pin(servers, f"0-{os.cpu_count() - 1}")
    print(f"page {args.path}: {len(html)} bytes; load average {os.getloadavg()}")
    base = figures["nginx static"]
    for name, rate in figures.items():
        print(f"{name:18} {rate:10.1f} req/s   1/{base / rate:8.1f} of nginx")


def render_costs(args: argparse.Namespace, env: dict[str, str]) -> None:
    """CPU ms and queries per render of the pages people hit most."""
    os.environ.update(env)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    host = env["PUBLIC_BASE_URL"].split("//", 1)[1].split(":")[0]
    client = Client(HTTP_HOST=host)
    for path in (args.path, "/vi/thu-tuc/", "/vi/"):
        client.get(path)  # warm: imports, templates, site root paths
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        # Read now: every request start empties the connection's query log.
        count = len(queries)
        assert response.status_code == 200, (path, response.status_code)
        started = time.process_time()
        for _ in range(args.renders):
            client.get(path)
        cpu = (time.process_time() - started) / args.renders * 1000
        print(f"render {path:45} {cpu:7.1f} ms CPU  {count:3d} queries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--path", default=PROCEDURE_PATH)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--server-cpu", type=int, default=0)
    parser.add_argument("--client-cpu", type=int, default=1)
    parser.add_argument("--renders", type=int, default=30)
    parser.add_argument(
        "--render", action="store_true", help="also time in-process renders"
    )
    parser.add_argument(
        "--no-http", action="store_true", help="skip the wrk comparison"
    )
    args = parser.parse_args()
    if not STACK_ENV.exists():
        sys.exit("no .services/stack.env: run `make stack STACK_DEMO=1` first")
    for tool in ("wrk", "nginx", "taskset"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"{tool} not found (apt-get install wrk nginx-light util-linux)")
    env = read_env(STACK_ENV)
    if not args.no_http:
        http_comparison(args, env)
    if args.render:
        render_costs(args, env)


if __name__ == "__main__":
    main()
