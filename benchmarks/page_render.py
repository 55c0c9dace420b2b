"""Uncached render cost: CPU milliseconds and SQL queries per page, in-process.

Renders the pages people hit most (procedure page, catalogue, home) with the
Django test client against the database in DATABASE_URL (with the demo
loaded), the way gunicorn renders them when the front cache misses: no
Varnish, no network. CPU is `time.process_time()` over --renders renders of
each page after one warm-up render, so other processes on a busy machine
change it much less than wall time; queries are counted on one render.

To compare two versions of the code on the same machine in the same minutes,
run it from each checkout in turn (`--code /path/to/checkout`) and repeat:

    .venv/bin/python benchmarks/page_render.py --renders 100
    .venv/bin/python benchmarks/page_render.py --code /tmp/main --renders 100

`--cold` empties the chrome cache (menus, banners, page fragments: the
"local" cache) before every render, as an edit does: the cost of the first
render after an edit. `--sql` prints the queries of each page. Settings come
from the environment (DJANGO_SETTINGS_MODULE, DATABASE_URL, ...), as for
`manage.py`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

PAGES = (
    "/vi/thu-tuc/2-001612-dang-ky-doanh-nghiep-tu-nhan/",
    "/vi/thu-tuc/",
    "/vi/",
)


def measure(paths: list[str], renders: int, show_sql: bool, cold: bool) -> None:
    """Print CPU ms and queries per render of each path."""
    import django

    django.setup()
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()

    def forget() -> None:
        if cold:
            caches["local"].clear()

    for path in paths:
        client.get(path)  # warm: imports, templates, per-process caches
        forget()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        # Read now: every request start empties the connection's query log.
        sql = [query["sql"] for query in queries.captured_queries]
        assert response.status_code == 200, (path, response.status_code)
        started = time.process_time()
        for _ in range(renders):
            forget()
            client.get(path)
        cpu = (time.process_time() - started) / renders * 1000
        print(f"render {path:52} {cpu:7.2f} ms CPU  {len(sql):3d} queries")
        if show_sql:
            for line in sql:
                print("    ", line[:300])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", default=list(PAGES))
    parser.add_argument("--renders", type=int, default=50)
    parser.add_argument("--code", default=str(Path(__file__).resolve().parents[1]))
    parser.add_argument("--sql", action="store_true", help="print each page's SQL")
    parser.add_argument(
        "--cold", action="store_true", help="empty the chrome cache before renders"
    )
    args = parser.parse_args()
    os.chdir(args.code)
    sys.path.insert(0, args.code)
    state = "cold" if args.cold else "warm"
    print(f"code {args.code}; {state}; load average {os.getloadavg()}")
    measure(args.paths, args.renders, args.sql, args.cold)


if __name__ == "__main__":
    main()
