"""What one dossier costs the server: CPU and SQL queries per wizard request.

Runs the same citizen as `benchmarks/dossier_submit.py` (every page, the real
form posts, a 1 MB PDF per required document, the receipt), but in this
process through Django's test client, one dossier after another: no network,
no client threads, no other requests. CPU is `time.process_time()`, which a
busy machine disturbs far less than wall time, so the figures can be compared
between runs and versions of the code. The server-side ceiling on N idle
cores is about N / (CPU per dossier).

Settings come from the environment, as for `manage.py` (DJANGO_SETTINGS_MODULE,
DATABASE_URL with the demo loaded, ...):

    RATE_LIMITS="dossier_start=1000/3600" \
      .venv/bin/python benchmarks/dossier_cost.py --procedure 2.001612 --dossiers 20

Every dossier comes from the same client address, so raise the
`dossier_start` rate limit for the run as above (portal/security/ratelimit.py),
or the run stops with HTTP 429 after a few dossiers.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.dossier_submit import Citizen, make_pdf  # noqa: E402 - after sys.path


class _Cookie:
    """The part of a requests cookie that Citizen touches."""

    secure = False


class _Response:
    """The part of a requests response that Citizen reads."""

    def __init__(self, response):
        self.status_code = response.status_code
        self.headers = response.headers
        self.text = response.content.decode()


class ClientSession:
    """requests.Session's surface used by Citizen, over Django's test client
    (with CSRF checks on, as for a browser)."""

    _handler_client = None

    def __init__(self):
        from http.cookies import SimpleCookie

        from django.test import Client

        # One client per process, as one gunicorn worker: a new Client would
        # load the middleware again (WhiteNoise scans every static file then,
        # about 0.2 s that a server pays once at start). Each citizen still
        # starts with no cookies: no session, no CSRF token.
        if ClientSession._handler_client is None:
            ClientSession._handler_client = Client(enforce_csrf_checks=True)
        self.client = ClientSession._handler_client
        self.client.cookies = SimpleCookie()

    @property
    def cookies(self):
        session = self

        class Jar(list):
            def get(self, name: str, default: str = "") -> str:
                morsel = session.client.cookies.get(name)
                return morsel.value if morsel is not None else default

        return Jar(_Cookie() for _ in session.client.cookies)

    def request(self, method: str, url: str, **kwargs) -> _Response:
        from django.core.files.uploadedfile import SimpleUploadedFile

        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        headers = kwargs.get("headers") or {}
        if method == "GET":
            return _Response(self.client.get(path, headers=headers))
        data = dict(kwargs.get("data") or {})
        for name, (filename, content, content_type) in (
            kwargs.get("files") or {}
        ).items():
            data[name] = SimpleUploadedFile(filename, content, content_type)
        return _Response(self.client.post(path, data, headers=headers))


class MeasuredCitizen(Citizen):
    """A Citizen that also counts CPU and queries per request label."""

    def __init__(self, procedure: str, language: str, figures: dict):
        super().__init__(
            "http://testserver",
            procedure,
            language,
            defaultdict(list),
            threading.Lock(),
        )
        self.session = ClientSession()
        self.figures = figures
        self.show_sql = ""

    def _timed(self, label: str, method: str, url: str, **kwargs):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        started = time.process_time()
        with CaptureQueriesContext(connection) as queries:
            response = super()._timed(label, method, url, **kwargs)
        self.figures[label].append((time.process_time() - started, len(queries)))
        if label == self.show_sql:
            for query in queries.captured_queries:
                print(f"    {label}: {query['sql'][:220]}")
        return response


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--procedure", required=True)
    parser.add_argument("--language", default="vi")
    parser.add_argument("--dossiers", type=int, default=20)
    parser.add_argument("--pdf-size", type=int, default=1024 * 1024)
    parser.add_argument("--sql", default="", help="print the SQL of this request label")
    args = parser.parse_args()
    import django

    django.setup()
    pdf = make_pdf(args.pdf_size)
    warm = MeasuredCitizen(args.procedure, args.language, defaultdict(list))
    warm.show_sql = args.sql
    warm.file_one(pdf)
    figures: dict[str, list[tuple[float, int]]] = defaultdict(list)
    started = time.process_time()
    for _ in range(args.dossiers):
        MeasuredCitizen(args.procedure, args.language, figures).file_one(pdf)
    cpu = (time.process_time() - started) / args.dossiers
    print(f"load average {os.getloadavg()}")
    print(f"{args.dossiers} dossiers: {cpu * 1000:.0f} ms CPU per dossier")
    print(f"  ceiling on 2 idle cores: {2 / cpu:.1f} dossiers/s (server side only)")
    total_queries = sum(n for values in figures.values() for _, n in values)
    print(f"  queries per dossier: {total_queries / args.dossiers:.0f}")
    print("per request:            CPU ms  queries")
    for label, values in figures.items():
        mean_cpu = sum(c for c, _ in values) / len(values) * 1000
        mean_queries = sum(n for _, n in values) / len(values)
        print(f"  {label:<20} {mean_cpu:7.1f} {mean_queries:8.1f}")


if __name__ == "__main__":
    main()
