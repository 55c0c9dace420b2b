"""Search speed at 10,000 procedures: the API on the cluster and on PostgreSQL.

    ELASTICSEARCH_URL=http://127.0.0.1:9260 \\
    BENCH_DATABASE_URL=postgres://portal@127.0.0.1:5433/portal_search_bench \\
      .venv/bin/python benchmarks/search_speed.py --app-cpus 1 --client-cpus 0

Steps (each timed and printed):
1. generate N procedures (default 10,000) from the evaluation catalogue
   (benchmarks/evalset/procedures.json: names, documents, steps recombined,
   unique codes), as index documents for Vietnamese and English;
2. full rebuild on the cluster under a throw-away prefix (the functions
   `search_index rebuild` uses) and the database fallback rows;
3. serve the portal with gunicorn (`--workers`), pinned with `taskset` to
   `--app-cpus`, while this process, the load generator, runs on
   `--client-cpus` (pin the search node to the app's CPUs too, e.g.
   `taskset -a -p -c 1 <node pid>`);
4. drive GET /api/procedures/search/ from `--clients` threads with a mix of
   real queries (the evaluation queries, both languages, and blank listings,
   drawn with repeats; `--distinct`: each evaluation query once, none of them
   in the warm-up, so no worker has anything of it remembered), once on the
   cluster and once on the database (ELASTICSEARCH_URL unset).

For each backend it prints p50/p95/p99 of the server time (the `search`
entry of the API's Server-Timing header: Django and the backend, no client
or network), the worker's own CPU time for the search (`cpu`: barely moved
by other work on the machine, unlike wall times), the client-side latency,
and on the cluster the engine's own `took` (summed over the requests one
search makes), with the load average before and after. The machine's other work shows in the load average; the
server time is what the target (p95 <= 50 ms on the cluster, <= 200 ms on
PostgreSQL) is about.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
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
CATALOGUE = ROOT / "benchmarks" / "evalset" / "procedures.json"
QUERIES = ROOT / "benchmarks" / "evalset" / "queries.json"
WARM_UP = 80  # searches sent before measuring (new connections, JIT, caches)
VARIANTS = [
    "lần đầu",
    "cấp lại",
    "điều chỉnh",
    "gia hạn",
    "bổ sung",
    "khu công nghiệp",
    "nông thôn",
    "đô thị",
    "hộ gia đình",
    "người nước ngoài",
    "tổ chức",
    "cá nhân",
    "miền núi",
    "ven biển",
]


def generate(records: list[dict], count: int, seed: int = 7) -> list[dict]:
    """`count` varied procedure records (import format) from the evaluation ones."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        base = records[i % len(records)]
        other = records[rng.randrange(len(records))]
        record = dict(base)
        record["code"] = f"9.{i:06d}"
        if i >= len(records):
            record["name"] = f"{base['name']} ({rng.choice(VARIANTS)})"
        record["documents"] = list(base["documents"]) + list(other["documents"])[:1]
        record["steps"] = list(base["steps"]) + list(other["steps"])[:1]
        out.append(record)
    return out


def document(record: dict, language: str) -> dict:
    """The index document of a generated record (the fields of indexing._document)."""
    from portal.text import ascii_slug
    from search.text import code_variants, folded

    tr = (
        (record.get("translations") or {}).get(language, {}) if language != "vi" else {}
    )
    name = tr.get("name") or record["name"]
    sector = tr.get("sector") or record["sector"]
    agency = tr.get("agency") or record["agency"]
    docs = tr.get("documents") or [d["name"] for d in record["documents"]]
    sector_slug, agency_slug = (
        ascii_slug(record["sector"], 100),
        ascii_slug(record["agency"], 100),
    )
    return {
        "translation_key": str(uuid.uuid5(uuid.NAMESPACE_URL, record["code"])),
        "page_id": None,
        "locale": language,
        "language": language if (tr or language == "vi") else "vi",
        "code": record["code"],
        "code_variants": code_variants(record["code"]),
        "name": name,
        "sort_name": folded(name).strip(),
        "other_names": record["name"] if tr else "",
        "keywords": "\n".join(record.get("keywords", [])),
        "sector": sector_slug,
        "sector_name": sector,
        "sector_facet": f"{sector_slug}\t{sector}",
        "agency": agency_slug,
        "agency_name": agency,
        "agency_facet": f"{agency_slug}\t{agency}",
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


def timing(header: str) -> dict[str, float]:
    """{"search": 12.3, "engine": 4.0} from a Server-Timing header."""
    values = {}
    for part in header.split(","):
        name, _, rest = part.strip().partition(";dur=")
        if rest:
            values[name] = float(rest)
    return values


def query_plan(total: int, distinct: bool = False) -> list[tuple[str, str]]:
    """A reproducible mix: the evaluation queries (both languages) and blanks,
    drawn with repeats as real traffic has them; with `distinct`, each
    evaluation query once (no blanks) in a shuffled order."""
    rng = random.Random(1)
    items = [(q["q"], q["lang"]) for q in json.loads(QUERIES.read_text("utf-8"))]
    if distinct:
        rng.shuffle(items)
        return items
    items += [("", "vi"), ("", "en")] * 10
    return [rng.choice(items) for _ in range(total)]


def repeats(warm: list[tuple[str, str]], plan: list[tuple[str, str]]) -> int:
    """How many searches of `plan` were already sent before (warm-up included):
    those a worker may answer from what it remembers (query_cache)."""
    seen = set(warm)
    count = 0
    for item in plan:
        count += item in seen
        seen.add(item)
    return count


def drive(base: str, clients: int, plan: list[tuple[str, str]]) -> dict:
    """`clients` threads sending the planned searches; figures in ms."""
    client_ms, server_ms, engine_ms, cpu_ms = [], [], [], []
    backends: set[str] = set()
    errors = 0
    lock = threading.Lock()

    def worker(items: list[tuple[str, str]]) -> None:
        nonlocal errors
        for q, lang in items:
            url = f"{base}/api/procedures/search/?" + urllib.parse.urlencode(
                {"q": q, "locale": lang}
            )
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
                    data = json.loads(response.read())
                    spent = timing(response.headers.get("Server-Timing", ""))
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    client_ms.append(elapsed)
                    server_ms.append(spent.get("search", elapsed))
                    if "engine" in spent:
                        engine_ms.append(spent["engine"])
                    if "cpu" in spent:
                        cpu_ms.append(spent["cpu"])
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

    def stats(values: list[float]) -> dict:
        if not values:
            return {}
        return {
            "p50": statistics.median(values),
            "p95": percentile(values, 95),
            "p99": percentile(values, 99),
        }

    return {
        "backend": ",".join(sorted(backends)),
        "requests": len(client_ms),
        "errors": errors,
        "server": stats(server_ms),
        "client": stats(client_ms),
        "engine_took": stats(engine_ms),
        "app_cpu": stats(cpu_ms),
        "throughput_rps": len(client_ms) / wall if wall else 0,
    }


def serve(env: dict, port: int, workers: int, cpus: str) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "portal.wsgi",
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    if cpus and shutil.which("taskset"):
        command = ["taskset", "-c", cpus, *command]
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(  # noqa: S310
                f"http://127.0.0.1:{port}/api/procedures/suggest/?q=a", timeout=2
            )
            return process
        except Exception:  # noqa: BLE001
            time.sleep(0.5)
    process.kill()
    raise SystemExit("gunicorn did not start")


def load_average() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def report(label: str, figures: dict, before: str, after: str) -> None:
    def line(name: str) -> str:
        values = figures[name]
        if not values:
            return f"{name} -"
        return f"{name} p50 {values['p50']:.1f} p95 {values['p95']:.1f} p99 {values['p99']:.1f} ms"

    print(
        f"API {label:<8} backend={figures['backend']} {figures['requests']} requests, "
        f"errors {figures['errors']}, {figures['throughput_rps']:.0f} req/s, "
        f"load {before} -> {after}\n    "
        + "\n    ".join(line(n) for n in ("server", "engine_took", "app_cpu", "client"))
    )


def load_data(args, engine, prefix: str) -> None:
    """Generated documents into the cluster (under `prefix`) and the database."""
    from wagtail.models import Locale

    from search import documents, indexing
    from search.models import ProcedureSearchText

    records = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    started = time.perf_counter()
    generated = generate(records, args.procedures)
    docs = {
        lang: [document(r, lang) for r in generated] for lang in documents.LANGUAGES
    }
    print(
        f"generated {args.procedures} procedures x 2 locales in {time.perf_counter() - started:.1f} s"
    )
    if engine is not None:
        started = time.perf_counter()
        for language, items in docs.items():
            indexing.point_alias(
                engine, language, indexing.build_index(engine, language, items)
            )
        took = time.perf_counter() - started
        total = sum(len(v) for v in docs.values())
        print(
            f"{engine.name} {engine.version}: rebuild of {total} documents in {took:.1f} s"
        )
    started = time.perf_counter()
    locales = {
        c: Locale.objects.get_or_create(language_code=c)[0] for c in ("vi", "en")
    }
    ProcedureSearchText.objects.all().delete()
    rows = [
        indexing._search_text_row(d, locales[lang])  # noqa: SLF001
        for lang, items in docs.items()
        for d in items
    ]
    ProcedureSearchText.objects.bulk_create(rows, batch_size=1000)
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE portal_search_proceduresearchtext")
    print(
        f"database: {len(rows)} rows written in {time.perf_counter() - started:.1f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--procedures", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--app-cpus", default="", help="taskset CPU list for gunicorn")
    parser.add_argument("--client-cpus", default="", help="CPU list for this process")
    parser.add_argument(
        "--distinct",
        action="store_true",
        help="never-seen queries: each evaluation query once, warm-up excluded",
    )
    parser.add_argument("--skip-database", action="store_true")
    parser.add_argument("--skip-cluster", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the data loaded")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="search the data a run with --keep left (same BENCH_INDEX_PREFIX)",
    )
    args = parser.parse_args()

    db_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://portal@127.0.0.1:5433/portal_search_bench"
    )
    prefix = os.environ.get("BENCH_INDEX_PREFIX", f"bench_{uuid.uuid4().hex[:6]}")
    os.environ.update(
        {
            "DATABASE_URL": db_url,
            "SEARCH_INDEX_PREFIX": prefix,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        }
    )
    if args.client_cpus and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {int(c) for c in args.client_cpus.split(",")})
    import django

    django.setup()
    from django.core.management import call_command

    from search.backends import require_engine
    from search.models import ProcedureSearchText

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    engine = require_engine() if os.environ.get("ELASTICSEARCH_URL") else None
    if not args.reuse:
        load_data(args, engine, prefix)

    # Production settings (no DEBUG query logging), as a deployment runs.
    base_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "benchmark-only",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SEARCH_WARM_UP": "1",
        # The load generator is one address sending thousands of searches.
        "RATE_LIMITS": "search_api=1000000/60",
    }
    runs = []
    if engine is not None and not args.skip_cluster:
        # Measure the cluster, not the fallback: a busy shared machine must
        # not hand slow requests to the database.
        runs.append(("cluster", {**base_env, "SEARCH_TIMEOUT": "5"}))
    if not args.skip_database:
        runs.append(("database", {**base_env, "ELASTICSEARCH_URL": ""}))
    plan = query_plan(args.requests, args.distinct)
    warm = plan[:WARM_UP]
    if args.distinct:
        plan = plan[WARM_UP:]
    print(f"{len(plan)} searches, {repeats(warm, plan)} of them sent before in the run")
    results = {}
    for label, env in runs:
        port = free_port()
        server = serve(env, port, args.workers, args.app_cpus)
        try:
            drive(f"http://127.0.0.1:{port}", args.clients, warm)
            before = load_average()
            figures = drive(f"http://127.0.0.1:{port}", args.clients, plan)
            after = load_average()
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        results[label] = {**figures, "load_before": before, "load_after": after}
        report(label, figures, before, after)

    if not args.keep:
        if engine is not None:
            for name in engine.list_indices(f"{prefix}_*"):
                engine.delete_index(name)
        ProcedureSearchText.objects.all().delete()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
