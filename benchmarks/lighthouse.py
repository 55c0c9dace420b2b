"""Lighthouse scores and page weights of the key page types, on a production-like server.

    .venv/bin/python benchmarks/lighthouse.py            # builds and serves a demo site
    .venv/bin/python benchmarks/lighthouse.py --url http://127.0.0.1:8000
    .venv/bin/python benchmarks/lighthouse.py --preset desktop --check

Without --url it sets up what production runs: a fresh SQLite database with
the demo content, `collectstatic` into hashed, compressed files, DEBUG off,
gunicorn serving Django with WhiteNoise, all on 127.0.0.1. Then it runs
`lighthouse` (npm, pinned in package.json; `npm ci` first) with Debian's
chromium (CHROME_PATH, default /usr/bin/chromium) on each page type (home,
catalogue, procedure, search, a form step) and prints performance and
accessibility scores, total and JavaScript transfer sizes, and the main timings.

Targets (issue 6): performance >= 90, accessibility >= 95, total transfer
<= 250 kB, JavaScript <= 50 kB compressed. --check exits 1 when one is missed.

(Over 400 lines: the server set-up and the Lighthouse run are one script on
purpose, so it needs nothing but the repository.)
"""

import argparse
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import quote, urljoin

REPO = Path(__file__).resolve().parent.parent
PYTHON = REPO / ".venv" / "bin" / "python"
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run"
)
TARGETS = {"performance": 90, "accessibility": 95, "total_kb": 250, "js_kb": 50}


@dataclass
class Result:
    """What Lighthouse measured on one page."""

    name: str
    url: str
    performance: int
    accessibility: int
    total_kb: float
    js_kb: float
    fcp_ms: float
    lcp_ms: float
    tbt_ms: float
    cls: float
    a11y_failures: list[str]

    def misses(self) -> list[str]:
        """The targets this page does not reach."""
        missed = []
        if self.performance < TARGETS["performance"]:
            missed.append(f"performance {self.performance} < {TARGETS['performance']}")
        if self.accessibility < TARGETS["accessibility"]:
            missed.append(
                f"accessibility {self.accessibility} < {TARGETS['accessibility']}"
            )
        if self.total_kb > TARGETS["total_kb"]:
            missed.append(f"transfer {self.total_kb:.1f} kB > {TARGETS['total_kb']} kB")
        if self.js_kb > TARGETS["js_kb"]:
            missed.append(f"JS {self.js_kb:.1f} kB > {TARGETS['js_kb']} kB")
        return missed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (local URL)
        return response.read().decode("utf-8", "replace")


def answers(url: str) -> bool:
    """Whether the page exists (a feature not built yet answers 404)."""
    try:
        fetch(url)
    except OSError:
        return False
    return True


class DemoServer:
    """A demo site served like production, in a temporary directory."""

    def __init__(self, workers: int = 2) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="portal-lighthouse-"))
        self.port = free_port()
        self.workers = workers
        self.process: subprocess.Popen | None = None
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "DATABASE_URL": f"sqlite:///{self.workdir / 'db.sqlite3'}",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Plain HTTP on the loopback: no redirect to HTTPS, no HSTS.
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "MEDIA_ROOT": str(self.workdir / "media"),
            "PRIVATE_MEDIA_ROOT": str(self.workdir / "private"),
        }
        self.env.pop("ELASTICSEARCH_URL", None)  # database search, as `make run`

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def manage(self, *args: str) -> None:
        done = subprocess.run(
            [str(PYTHON), "manage.py", *args],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(
                f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}"
            )

    def start(self) -> None:
        print(
            f"Setting up a production-like demo site in {self.workdir} ...",
            file=sys.stderr,
        )
        self.manage("migrate", "--noinput")
        self.manage("createcachetable")
        self.manage("load_demo")
        self.manage("collectstatic", "--noinput")
        self.process = subprocess.Popen(
            [
                str(REPO / ".venv" / "bin" / "gunicorn"),
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            env=self.env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                fetch(self.url + "/vi/")
                return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise SystemExit("the demo server did not answer within 60 s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
        shutil.rmtree(self.workdir, ignore_errors=True)


def first_link(html: str, pattern: str) -> str | None:
    match = re.search(pattern, html, flags=re.S)
    return unescape(match.group(1)) if match else None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _cookies(headers) -> dict[str, str]:
    """Cookie name -> value from Set-Cookie headers (Secure ones too, over HTTP)."""
    jar = {}
    for header in headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def start_filing(start_url: str) -> tuple[str, str] | None:
    """Press "Start now" like a visitor: the first question page and its session cookie.

    Lighthouse then opens that step with the same cookie (--extra-headers).
    """
    with urllib.request.urlopen(start_url, timeout=30) as response:  # noqa: S310
        html = response.read().decode()
        jar = _cookies(response.headers)
    token = first_link(html, r'name="csrfmiddlewaretoken" value="([^"]+)"')
    if not token:
        return None
    request = urllib.request.Request(  # noqa: S310 (local URL)
        start_url,
        data=urllib.parse.urlencode({"csrfmiddlewaretoken": token}).encode(),
        headers={
            "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
            "Referer": start_url,
        },
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(request, timeout=30)
    except urllib.error.HTTPError as redirect:
        if redirect.code not in (301, 302, 303):
            return None
        jar.update(_cookies(redirect.headers))
        step = urljoin(start_url, redirect.headers["Location"])
    else:
        return None
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    # The wizard's URL redirects to its current step; give Lighthouse the
    # step itself (Chrome does not repeat extra headers after a redirect).
    for _ in range(3):
        try:
            opener.open(
                urllib.request.Request(step, headers={"Cookie": cookie}), timeout=30
            )  # noqa: S310
            return step, cookie
        except urllib.error.HTTPError as redirect:
            if redirect.code not in (301, 302, 303):
                return None
            step = urljoin(step, redirect.headers["Location"])
    return None


def discover_pages(base: str, language: str, query: str) -> dict[str, tuple[str, str]]:
    """Each page type's URL (and cookie), found by following links like a visitor."""
    home = f"{base}/{language}/"
    pages = {"home": (home, "")}
    home_html = fetch(home)
    catalogue = (
        first_link(home_html, r'href="([^"]*/thu-tuc/)"') or f"/{language}/thu-tuc/"
    )
    pages["catalogue"] = (urljoin(home, catalogue), "")
    catalogue_html = fetch(pages["catalogue"][0])
    cards = re.findall(r'class="card__title"[^>]*>\s*<a href="([^"]+)"', catalogue_html)
    if cards:
        pages["procedure"] = (urljoin(home, unescape(cards[0])), "")
    pages["search"] = (f"{base}/{language}/tim-kiem/?q={quote(query)}", "")
    # A form step: the first question of online filing, from the first
    # procedure page that offers it.
    for card in cards:
        html = fetch(urljoin(home, unescape(card)))
        filing = first_link(html, r'href="([^"]*/nop-ho-so/[^"]*)"')
        if filing:
            started = start_filing(urljoin(home, filing))
            if started:
                pages["form step"] = started
            break
    return pages


def run_lighthouse(
    name: str, url: str, preset: str, chrome: str, cookie: str = ""
) -> Result:
    """Run Lighthouse once on `url` and read the figures from its JSON report."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--only-categories=performance,accessibility",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    completed = subprocess.run(
        command,
        env={**os.environ, "CHROME_PATH": chrome},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    if completed.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{completed.stderr[-2000:]}")
    report = json.loads(completed.stdout)
    audits = report["audits"]
    summary = {
        item["resourceType"]: item
        for item in audits["resource-summary"]["details"]["items"]
    }
    failures = [
        audit_id
        for audit_id in (
            ref["id"] for ref in report["categories"]["accessibility"]["auditRefs"]
        )
        if audits[audit_id].get("score") == 0
    ]
    return Result(
        name=name,
        url=url,
        performance=round(report["categories"]["performance"]["score"] * 100),
        accessibility=round(report["categories"]["accessibility"]["score"] * 100),
        total_kb=audits["total-byte-weight"]["numericValue"] / 1000,
        js_kb=summary.get("script", {}).get("transferSize", 0) / 1000,
        fcp_ms=audits["first-contentful-paint"]["numericValue"],
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        a11y_failures=failures,
    )


def print_table(results: list[Result], preset: str, language: str) -> None:
    print(
        f"Lighthouse 12 ({preset}, language {language}, median of runs); targets: performance >= 90, "
        "accessibility >= 95, transfer <= 250 kB, JS <= 50 kB\n"
    )
    print(
        "| page | performance | accessibility | transfer (kB) | JS (kB) "
        "| FCP (ms) | LCP (ms) | TBT (ms) | CLS |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r.name} | {r.performance} | {r.accessibility} | {r.total_kb:.1f} | "
            f"{r.js_kb:.1f} | {r.fcp_ms:.0f} | {r.lcp_ms:.0f} | {r.tbt_ms:.0f} | {r.cls:.3f} |"
        )
    for r in results:
        if r.a11y_failures:
            print(
                f"\n{r.name}: failing accessibility audits: {', '.join(r.a11y_failures)}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--url", help="measure this running site instead of a fresh demo"
    )
    parser.add_argument("--language", default="vi", choices=["vi", "en"])
    parser.add_argument("--preset", default="mobile", choices=["mobile", "desktop"])
    parser.add_argument(
        "--query", default="đăng ký kinh doanh", help="search page query"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per page; the median is kept"
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if a target is missed"
    )
    args = parser.parse_args()

    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).exists():
        raise SystemExit(f"{chrome} is missing: install the Debian package `chromium`")
    if not LIGHTHOUSE.exists():
        raise SystemExit("node_modules/.bin/lighthouse is missing: run `npm ci` first")

    server = None
    base = args.url.rstrip("/") if args.url else None
    if base is None:
        server = DemoServer()
        server.start()
        base = server.url
    try:
        pages = discover_pages(base, args.language, args.query)
        results, skipped = [], []
        for name, (url, cookie) in pages.items():
            if not cookie and not answers(url):
                skipped.append(f"{name} ({url} does not answer 200)")
                continue
            print(f"lighthouse {name}: {url} ({args.runs} runs)", file=sys.stderr)
            runs = [
                run_lighthouse(name, url, args.preset, chrome, cookie)
                for _ in range(args.runs)
            ]
            # The run with the median performance score, as Lighthouse's own
            # docs advise: one run varies with whatever else the CPU is doing.
            runs.sort(key=lambda result: result.performance)
            results.append(runs[len(runs) // 2])
    finally:
        if server is not None:
            server.stop()

    print_table(results, args.preset, args.language)
    for page in skipped:
        print(f"NOT MEASURED {page}")
    missed = [(r.name, m) for r in results for m in r.misses()]
    for name, miss in missed:
        print(f"MISSED {name}: {miss}")
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
