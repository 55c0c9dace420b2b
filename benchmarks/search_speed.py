"""Search speed: bulk-index 10,000 generated procedures, then time the API.

    ELASTICSEARCH_URL=http://127.0.0.1:9200 python benchmarks/search_speed.py
    python benchmarks/search_speed.py --procedures 10000 --clients 4 --requests 400

Steps (each timed and printed):
1. generate N procedure documents from the sample catalogue (names, keywords,
   documents and steps recombined; unique codes), for Vietnamese and English;
2. measure the page -> document cost on the real sample pages (what a rebuild
   spends per page before sending);
3. full rebuild on the cluster: new index per locale, bulk in chunks of 500,
   refresh, alias swap (the same functions `search_index rebuild` uses);
4. write the database fallback rows (ProcedureSearchText) in bulk;
5. serve the portal with gunicorn (4 workers) twice, once on the cluster and once
   with ELASTICSEARCH_URL unset, and drive /api/procedures/search/ from
   `--clients` concurrent clients with a mix of query kinds; print p50/p95/p99.

Uses its own SQLite file (BENCH_DATABASE_URL, default /tmp/portal-bench.sqlite3)
and its own index prefix, so it never touches real data; indices are deleted
at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERY_MIX = [
    "dang ky kinh doanh",
    "giấy phép xây dựng",
    "cap giay phep",
    "so do",
    "đăng kí kết hôn",
    "1.009645",
    "009645",
    "giấy phép môi tr",
    "tôi muốn mở công ty cổ phần thì cần giấy tờ gì",
    "chung thuc ban sao",
    "ho chieu",
    "xyzzy qwerty",
    "",
]
EXTRA_WORDS = [
    "lần đầu",
    "cấp lại",
    "điều chỉnh",
    "gia hạn",
    "bổ sung",
    "thu hồi",
    "cấp đổi",
    "khu công nghiệp",
    "nông thôn",
    "đô thị",
    "doanh nghiệp nhỏ",
    "hộ gia đình",
    "người nước ngoài",
    "trực tuyến",
    "tổ chức",
    "cá nhân",
    "miền núi",
    "ven biển",
]


def generate(records: list[dict], count: int, seed: int = 7) -> list[dict]:
    """`count` varied procedure records (import format) from the sample ones."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        base = records[i % len(records)]
        other = records[rng.randrange(len(records))]
        extra = rng.sample(EXTRA_WORDS, 2)
        record = dict(base)
        record["code"] = f"9.{i:06d}"
        record["name"] = f"{base['name']} ({extra[0]}, {extra[1]})"
        record["keywords"] = (
            list(base.get("keywords", [])) + list(other.get("keywords", []))[:1]
        )
        record["documents"] = list(base["documents"]) + list(other["documents"])[:1]
        record["steps"] = list(base["steps"]) + list(other["steps"])[:1]
        out.append(record)
    return out


def document(record: dict, language: str) -> dict:
    """The index document of a generated record (same fields as indexing._document)."""
    from portal.text import ascii_slug
    from search.text import code_variants, folded

    tr = (
        (record.get("translations") or {}).get(language, {}) if language != "vi" else {}
    )
    name = tr.get("name") or record["name"]
    sector = tr.get("sector") or record["sector"]
    agency = tr.get("agency") or record["agency"]
    docs = tr.get("documents") or [d["name"] for d in record["documents"]]
    return {
        "translation_key": str(uuid.uuid5(uuid.NAMESPACE_URL, record["code"])),
        "page_id": None,
        "locale": language,
        "language": language if tr else "vi",
        "code": record["code"],
        "code_variants": code_variants(record["code"]),
        "name": name,
        "sort_name": folded(name).strip(),
        "other_names": record["name"] if tr else "",
        "keywords": "\n".join(record.get("keywords", [])),
        "sector": ascii_slug(record["sector"], 100),
        "sector_name": sector,
        "sector_facet": f"{ascii_slug(record['sector'], 100)}\t{sector}",
        "agency": ascii_slug(record["agency"], 100),
        "agency_name": agency,
        "agency_facet": f"{ascii_slug(record['agency'], 100)}\t{agency}",
        "level": record["level"],
        "online_service": record["online_service"],
        "processing_time_days": float(record["processing_time_days"]),
        "result": tr.get("result") or record["result"],
        "documents": "\n".join(docs),
        "steps": "\n".join(tr.get("steps") or record["steps"]),
        "requirements": record.get("requirements", ""),
        "body": "",
        "url": f"http://127.0.0.1/{language}/thu-tuc/{record['code']}/",
    }


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def drive(base: str, clients: int, total: int, language: str = "vi") -> dict:
    """`clients` threads sending `total` search requests; latency figures in ms."""
    latencies: list[float] = []
    backends: set[str] = set()
    errors = 0
    lock = threading.Lock()
    rng = random.Random(1)
    plan = [rng.choice(QUERY_MIX) for _ in range(total)]

    def worker(items: list[str]) -> None:
        nonlocal errors
        for q in items:
            url = f"{base}/api/procedures/search/?" + urllib.parse.urlencode(
                {"q": q, "locale": language}
            )
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
                    data = json.loads(response.read())
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    backends.add(data["backend"])
            except Exception:  # noqa: BLE001
                with lock:
                    errors += 1

    threads = [
        threading.Thread(target=worker, args=(plan[i::clients],))
        for i in range(clients)
    ]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {
        "backend": ",".join(sorted(backends)),
        "requests": len(latencies),
        "errors": errors,
        "p50_ms": statistics.median(latencies) if latencies else 0,
        "p95_ms": percentile(latencies, 95) if latencies else 0,
        "p99_ms": percentile(latencies, 99) if latencies else 0,
        "throughput_rps": len(latencies) / wall if wall else 0,
    }


def serve(env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "portal.wsgi",
            "-w",
            "4",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(
                f"http://127.0.0.1:{port}/api/procedures/suggest/?q=a", timeout=2
            )  # noqa: S310
            return process
        except Exception:  # noqa: BLE001
            time.sleep(0.5)
    process.kill()
    raise SystemExit("gunicorn did not start")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--procedures", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument(
        "--skip-database", action="store_true", help="only the cluster figures"
    )
    args = parser.parse_args()

    db_url = os.environ.get("BENCH_DATABASE_URL", "sqlite:////tmp/portal-bench.sqlite3")
    prefix = f"bench_{uuid.uuid4().hex[:6]}"
    os.environ.update(
        {
            "DATABASE_URL": db_url,
            "SEARCH_INDEX_PREFIX": prefix,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command
    from wagtail.models import Locale

    from search import documents, indexing
    from search.backends import require_engine
    from search.models import ProcedureSearchText

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code in ("vi", "en")
    }

    records = json.loads(
        (ROOT / "demo" / "sample-procedures.json").read_text(encoding="utf-8")
    )
    started = time.perf_counter()
    generated = generate(records, args.procedures)
    docs = {
        lang: [document(r, lang) for r in generated] for lang in documents.LANGUAGES
    }
    print(
        f"generated {args.procedures} procedures x {len(docs)} locales in {time.perf_counter() - started:.1f} s"
    )

    from cms_pages.models import ProcedurePage

    if ProcedurePage.objects.exists():
        started = time.perf_counter()
        real = list(indexing.procedure_documents())
        per_doc = (time.perf_counter() - started) / max(1, len(real))
        print(
            f"page -> document: {per_doc * 1000:.1f} ms per document ({len(real)} from real pages)"
        )

    results: dict[str, dict] = {}
    engine = None
    if os.environ.get("ELASTICSEARCH_URL"):
        engine = require_engine()
        started = time.perf_counter()
        for language, items in docs.items():
            indexing.point_alias(
                engine, language, indexing.build_index(engine, language, items)
            )
        took = time.perf_counter() - started
        total = sum(len(v) for v in docs.values())
        print(
            f"{engine.name} {engine.version}: full rebuild of {total} documents "
            f"({args.procedures} procedures x {len(docs)} locales) in {took:.1f} s "
            f"({total / took:.0f} docs/s)"
        )
        results["rebuild_s"] = {"seconds": round(took, 1), "documents": total}

    started = time.perf_counter()
    ProcedureSearchText.objects.all().delete()
    rows = []
    for language, items in docs.items():
        for d in items:
            row = indexing._search_text_row(d, locales[language])
            row.page_id = None
            rows.append(row)
    ProcedureSearchText.objects.bulk_create(rows, batch_size=1000)
    print(
        f"database fallback: {len(rows)} rows written in {time.perf_counter() - started:.1f} s"
    )

    base_env = dict(os.environ)
    runs = []
    if engine is not None:
        # Measure the cluster, not the fallback: on a machine busy with other
        # work a 1 s timeout would hand slow requests to the database.
        runs.append(
            (
                "cluster",
                {
                    **base_env,
                    "SEARCH_TIMEOUT": os.environ.get("BENCH_SEARCH_TIMEOUT", "5"),
                },
            )
        )
    if not args.skip_database:
        runs.append(("database", {**base_env, "ELASTICSEARCH_URL": ""}))
    for label, env in runs:
        port = free_port()
        server = serve(env, port)
        try:
            drive(f"http://127.0.0.1:{port}", args.clients, 40)  # warm-up
            figures = drive(f"http://127.0.0.1:{port}", args.clients, args.requests)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        results[label] = figures
        print(
            f"API {label:<8} backend={figures['backend']:<10} {args.clients} clients, {figures['requests']} requests, "
            f"errors {figures['errors']}: p50 {figures['p50_ms']:.1f} ms  p95 {figures['p95_ms']:.1f} ms  "
            f"p99 {figures['p99_ms']:.1f} ms  {figures['throughput_rps']:.0f} req/s"
        )

    if engine is not None:
        for name in engine.list_indices(f"{prefix}_*"):
            engine.delete_index(name)
    ProcedureSearchText.objects.all().delete()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
