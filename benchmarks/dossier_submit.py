"""Dossier submission benchmark: concurrent citizens complete the whole wizard.

Each simulated citizen opens the start page, starts a dossier, answers every
step with the real form posts (the same wire format as a browser), uploads a
1 MB PDF for each required document, checks the answers, submits and opens the
receipt. The script prints dossiers per second and latency percentiles.

It needs a running server (see docs/benchmarks.md, "Dossier submission") and
`requests` (`pip install -e ".[benchmarks]"`):

    .venv/bin/python benchmarks/dossier_submit.py --base-url http://127.0.0.1:8000 \
        --procedure 1.004227 --dossiers 200 --concurrency 10

Only addresses on this machine are allowed as targets; the run is bounded by
--dossiers and --timeout and stops by itself.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from urllib.parse import urljoin, urlparse

import requests

# Run as a script from anywhere: the repository root holds `tests.files`.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.files import pdf_bytes  # noqa: E402 - after sys.path

PDF_SIZE = 1024 * 1024
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
APPLICANT = {
    "full_name": "Nguyễn Văn Thử",
    "id_number": "001090004567",
    "birth_date": "27/03/1990",
    "phone": "0912345678",
    "email": "",
    "address": "1 Đường Thử, phường Một",
}


def make_pdf(size: int = PDF_SIZE) -> bytes:
    """A real PDF of `size` bytes (the server opens uploads with a PDF library)."""
    return pdf_bytes(size)


class Citizen:
    """One browser: its own session cookie and CSRF token."""

    def __init__(
        self,
        base_url: str,
        procedure: str,
        language: str,
        timings: dict,
        lock,
        email: str = "",
    ):
        self.base = base_url.rstrip("/")
        self.email = email
        self.procedure = procedure
        self.language = language
        self.session = requests.Session()
        self.timings = timings
        self.lock = lock

    def _timed(self, label: str, method: str, url: str, **kwargs) -> requests.Response:
        start = time.perf_counter()
        response = self.session.request(
            method, url, allow_redirects=False, timeout=60, **kwargs
        )
        elapsed = time.perf_counter() - start
        # Production cookies are Secure; this client talks plain HTTP on the
        # loopback interface, so it keeps sending them anyway.
        for cookie in self.session.cookies:
            cookie.secure = False
        with self.lock:
            self.timings[label].append(elapsed)
        if response.status_code >= 400:
            raise RuntimeError(f"{label}: HTTP {response.status_code} for {url}")
        return response

    def _csrf(self) -> str:
        return self.session.cookies.get("csrftoken", "")

    def _post_step(
        self, url: str, step: str, fields: dict, files: dict | None = None
    ) -> str:
        data = {
            "csrfmiddlewaretoken": self._csrf(),
            "dossier_wizard-current_step": step,
        }
        data.update({f"{step}-{name}": value for name, value in fields.items()})
        response = self._timed(
            step, "POST", url, data=data, files=files, headers={"Referer": url}
        )
        if response.status_code != 302:
            errors = re.findall(
                r'class="error-message"[^>]*>(.*?)</p>', response.text, re.S
            )
            raise RuntimeError(f"step {step} did not advance: {errors[:3]}")
        return urljoin(url, response.headers["Location"])

    def file_one(self, pdf: bytes) -> str:
        start_url = f"{self.base}/{self.language}/nop-ho-so/{self.procedure}/"
        self._timed("start page", "GET", start_url)
        response = self._timed(
            "start",
            "POST",
            start_url,
            data={"csrfmiddlewaretoken": self._csrf()},
            headers={"Referer": start_url},
        )
        url = urljoin(start_url, response.headers["Location"])
        url = urljoin(url, self._timed("first step", "GET", url).headers["Location"])
        while True:
            step = url.rstrip("/").rsplit("/", 1)[-1]
            page = self._timed(f"{step} page", "GET", url)
            if step == "applicant_type":
                url = self._post_step(url, step, {"applicant_type": "individual"})
            elif step == "applicant":
                url = self._post_step(url, step, {**APPLICANT, "email": self.email})
            elif step == "organisation":
                raise RuntimeError("benchmark files as an individual")
            elif step == "documents":
                labels = re.findall(
                    r'<label for="id_documents-(doc_\d+)">(.*?)</label>',
                    page.text,
                    re.S,
                )
                names = [name for name, text in labels if 'class="tag"' not in text]
                files = {
                    f"documents-{name}": (f"{name}.pdf", pdf, "application/pdf")
                    for name in names
                }
                url = self._post_step(url, step, {}, files=files)
            elif step == "delivery":
                fees = re.findall(
                    r'name="delivery-fee" id="[^"]+" value="([^"]+)"', page.text
                )
                fields = {"receipt_method": "at_centre"}
                if fees:
                    fields["fee"] = fees[0]
                url = self._post_step(url, step, fields)
            elif step == "check":
                url = self._post_step(url, step, {})
            elif step == "declaration":
                receipt = self._post_step(
                    url, step, {"declaration": "on", "consent": "on"}
                )
                self._timed("receipt", "GET", receipt)
                return receipt.rstrip("/").rsplit("/", 1)[-1]
            else:
                raise RuntimeError(f"unexpected step {step}")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def report(args, timings, per_dossier, codes, failures, wall: float) -> None:
    """Print the figures of one run."""
    all_requests = [value for values in timings.values() for value in values]
    print(
        f"dossiers completed: {len(codes)} of {args.dossiers} ({len(failures)} failed)"
    )
    print(f"distinct codes: {len(set(codes))}")
    print(
        f"concurrency: {args.concurrency}, PDF size: {args.pdf_size} bytes per required document"
    )
    print(f"wall time: {wall:.1f} s")
    print(f"dossiers/s: {len(codes) / wall:.2f}")
    print(f"requests: {len(all_requests)}, requests/s: {len(all_requests) / wall:.1f}")
    print(
        f"request latency ms: p50 {1000 * percentile(all_requests, 0.5):.0f}  p95 {1000 * percentile(all_requests, 0.95):.0f}  max {1000 * max(all_requests, default=0):.0f}"
    )
    print(
        f"whole dossier s: p50 {percentile(per_dossier, 0.5):.2f}  p95 {percentile(per_dossier, 0.95):.2f}"
    )
    print("per step (ms):  p50   p95   n")
    for label in sorted(timings):
        values = timings[label]
        print(
            f"  {label:<20} {1000 * statistics.median(values):5.0f} "
            f"{1000 * percentile(values, 0.95):5.0f} {len(values):4d}"
        )
    if failures:
        print("first failures:", *failures[:5], sep="\n  ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument(
        "--procedure", required=True, help="code of a procedure filed online"
    )
    parser.add_argument("--language", default="vi")
    parser.add_argument("--dossiers", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--pdf-size", type=int, default=PDF_SIZE)
    parser.add_argument(
        "--email",
        default="",
        help="applicant e-mail (a receipt e-mail is then sent for each dossier)",
    )
    parser.add_argument(
        "--timeout", type=float, default=600, help="stop after this many seconds"
    )
    args = parser.parse_args(argv)

    if urlparse(args.base_url).hostname not in LOCAL_HOSTS:
        parser.error("the benchmark only targets a server on this machine")

    pdf = make_pdf(args.pdf_size)
    timings: dict[str, list[float]] = defaultdict(list)
    lock = threading.Lock()
    per_dossier: list[float] = []
    codes: list[str] = []
    failures: list[str] = []
    deadline = time.monotonic() + args.timeout

    def one(_index: int) -> None:
        if time.monotonic() > deadline:
            return
        citizen = Citizen(
            args.base_url, args.procedure, args.language, timings, lock, args.email
        )
        start = time.perf_counter()
        try:
            code = citizen.file_one(pdf)
        except Exception as error:  # noqa: BLE001 - counted and printed
            with lock:
                failures.append(str(error))
            return
        with lock:
            per_dossier.append(time.perf_counter() - start)
            codes.append(code)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        for future in as_completed([pool.submit(one, i) for i in range(args.dossiers)]):
            future.result()
    wall = time.perf_counter() - started

    report(args, timings, per_dossier, codes, failures, wall)
    return 0 if codes and not failures else 1


if __name__ == "__main__":
    sys.exit(main())
