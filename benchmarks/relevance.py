"""Relevance of the search API against graded judgements.

    python benchmarks/relevance.py                 # evaluation set + sample regression
    python benchmarks/relevance.py --split test    # only the held-back half
    python benchmarks/relevance.py --backend database -v
    python benchmarks/relevance.py --url http://127.0.0.1:8000 --queries FILE

In-process runs (the default) load each catalogue into the database of
DATABASE_URL inside a transaction that is rolled back afterwards, index it on
the cluster of ELASTICSEARCH_URL under a throw-away prefix, and ask the API
once per backend (the cluster, then the database fallback). Two sets:

- `evalset`: `benchmarks/evalset/queries.json` (dev and test splits) over
  `benchmarks/evalset/procedures.json` (313 procedures). Tune on dev, report
  test.
- `sample`: `demo/sample-queries.json` over the 45 sample procedures, the
  regression check of the first release.

Metrics over the first 10 results of GET /api/procedures/search/?q=…&locale=…&page_size=10:
- nDCG@10: gain 2^grade − 1, ideal ordering of the judged grades;
- MRR: reciprocal rank of the first grade-3 result (0 when none in the top 10);
- precision@10: share of the results shown (at most 10) that are judged
  relevant; a query with no result scores 0. It falls when a tail of
  unrelated procedures is listed;
- recall@10 of the grade ≥ 2 codes;
- zero-result rate over the sensible (non-nonsense) queries; for nonsense
  queries, the share that returned anything (should be 0).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import urllib.parse
import urllib.request
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVALSET = ROOT / "benchmarks" / "evalset"
EVAL_QUERIES = EVALSET / "queries.json"
EVAL_CATALOGUE = EVALSET / "procedures.json"
SAMPLE_QUERIES = ROOT / "demo" / "sample-queries.json"
SAMPLE_CATALOGUE = ROOT / "tests" / "search" / "data" / "sample-procedures.json"

Fetch = Callable[[str, str], tuple[list[str], str]]


def dcg(gains: list[float]) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def score_query(codes: list[str], relevant: dict[str, int]) -> dict[str, float]:
    """Metrics of one ranked list of codes against graded judgements."""
    top = codes[:10]
    gains = [2 ** relevant.get(code, 0) - 1 for code in top]
    ideal = sorted((2**g - 1 for g in relevant.values()), reverse=True)[:10]
    ndcg = dcg(gains) / dcg(ideal) if ideal and dcg(ideal) > 0 else 0.0
    mrr = 0.0
    for rank, code in enumerate(top, start=1):
        if relevant.get(code, 0) == 3:
            mrr = 1.0 / rank
            break
    wanted = {c for c, g in relevant.items() if g >= 2}
    recall = len(wanted & set(top)) / len(wanted) if wanted else 0.0
    shown_relevant = sum(1 for code in top if relevant.get(code, 0) > 0)
    return {
        "ndcg": ndcg,
        "mrr": mrr,
        "precision": shown_relevant / len(top) if top else 0.0,
        "recall": recall,
        "zero": 1.0 if not codes else 0.0,
    }


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _summary(rows: list[dict]) -> dict:
    return {
        "n": len(rows),
        "ndcg@10": _mean([r["ndcg"] for r in rows]),
        "mrr": _mean([r["mrr"] for r in rows]),
        "precision@10": _mean([r["precision"] for r in rows]),
        "recall@10": _mean([r["recall"] for r in rows]),
        "zero_result_rate": _mean([r["zero"] for r in rows]),
    }


def evaluate(queries: list[dict], fetch: Fetch) -> dict:
    """Run every query through `fetch(q, lang) -> (codes, backend)`; aggregate."""
    rows = []
    backends = set()
    for item in queries:
        codes, backend = fetch(item["q"], item.get("lang", "vi"))
        backends.add(backend)
        row = {
            "q": item["q"],
            "lang": item.get("lang", "vi"),
            "kind": item.get("kind", ""),
            "split": item.get("split", ""),
            "top": codes[:10],
        }
        row.update(score_query(codes, item.get("relevant") or {}))
        rows.append(row)
    judged = [r for r in rows if r["kind"] != "nonsense"]
    nonsense = [r for r in rows if r["kind"] == "nonsense"]
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for row in judged:
        by_kind[row["kind"]].append(row)
    report = {"backend": ",".join(sorted(backends)), "queries": len(rows)}
    report.update(_summary(judged))
    report["nonsense"] = len(nonsense)
    report["nonsense_with_results"] = _mean([1.0 - r["zero"] for r in nonsense])
    report["per_kind"] = {k: _summary(v) for k, v in sorted(by_kind.items())}
    report["rows"] = rows
    return report


def http_fetcher(base_url: str) -> Fetch:
    def fetch(q: str, lang: str) -> tuple[list[str], str]:
        query = urllib.parse.urlencode({"q": q, "locale": lang, "page_size": 10})
        with urllib.request.urlopen(
            f"{base_url.rstrip('/')}/api/procedures/search/?{query}", timeout=10
        ) as r:
            data = json.loads(r.read().decode("utf-8"))
        return [hit["code"] for hit in data["results"]], data["backend"]

    return fetch


def client_fetcher(client) -> Fetch:
    """Use a Django test client (tests and in-process runs)."""

    def fetch(q: str, lang: str) -> tuple[list[str], str]:
        response = client.get(
            "/api/procedures/search/", {"q": q, "locale": lang, "page_size": 10}
        )
        data = response.json()
        return [hit["code"] for hit in data["results"]], data["backend"]

    return fetch


def format_report(report: dict, verbose: bool = False, title: str = "") -> str:
    lines = [
        f"== {title or 'relevance'}   backend: {report['backend']}   queries: {report['queries']}",
        f"nDCG@10 {report['ndcg@10']:.3f}   MRR {report['mrr']:.3f}   "
        f"precision@10 {report['precision@10']:.3f}   recall@10 {report['recall@10']:.3f}   "
        f"zero-result rate {report['zero_result_rate']:.3f}   "
        f"nonsense with results {round(report['nonsense_with_results'] * report['nonsense'])} of {report['nonsense']}",
        f"{'kind':<18}{'n':>3}{'nDCG@10':>9}{'MRR':>7}{'P@10':>7}{'recall':>8}{'zero':>6}",
    ]
    for kind, m in report["per_kind"].items():
        lines.append(
            f"{kind:<18}{m['n']:>3}{m['ndcg@10']:>9.3f}{m['mrr']:>7.3f}{m['precision@10']:>7.3f}"
            f"{m['recall@10']:>8.3f}{m['zero_result_rate']:>6.2f}"
        )
    if verbose:
        for row in sorted(report["rows"], key=lambda r: r["ndcg"]):
            lines.append(
                f"  {row['ndcg']:.2f} [{row['kind']}] {row['q']!r} -> {' '.join(row['top'][:5])}"
            )
    return "\n".join(lines) + "\n"


# In-process runs ------------------------------------------------------------


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()


@contextmanager
def loaded_catalogue(path: Path) -> Iterator[None]:
    """`path` imported with the real importer and indexed; rolled back afterwards."""
    from django.conf import settings
    from django.db import transaction
    from django.test import override_settings

    from cms_pages.models import ProcedurePage
    from search import backends, indexing, synonyms
    from search.models import SearchSynonym

    if ProcedurePage.objects.exists():
        # Procedures already there would be searched beside the catalogue
        # and lower every figure (a run on a demo database reads 0.85, not 0.96).
        raise SystemExit(
            f"{settings.DATABASES['default']['NAME']} already holds procedures: "
            "run on an empty, migrated database (DATABASE_URL)."
        )
    prefix = f"{settings.SEARCH_INDEX_PREFIX}_rel_{uuid.uuid4().hex[:6]}".lower()
    with transaction.atomic(), override_settings(SEARCH_INDEX_PREFIX=prefix):
        load_catalogue(path)
        # Figures are for the shipped vocabulary alone, not a site's editors' list.
        SearchSynonym.objects.all().delete()
        synonyms.invalidate()
        engine = None
        if backends.cluster_urls():
            engine = backends.require_engine()
            indexing.rebuild(engine)
        else:
            indexing.write_search_text(list(indexing.procedure_documents()))
        try:
            yield
        finally:
            transaction.set_rollback(True)
            if engine is not None:
                for name in engine.list_indices(f"{prefix}_*"):
                    engine.delete_index(name)


def load_catalogue(path: Path) -> None:
    """The bare site and the procedures of `path`, through `import_procedures`."""
    import io

    from django.core.management import call_command

    from demo.site import load_site
    from search import signals

    quiet = io.StringIO()
    load_site(quiet)
    call_command("import_procedures", str(path), stdout=quiet)
    signals.forget_scheduled()  # the rollback drops them; the rebuild covers them


def run_sets(
    sets: list[tuple[str, Path, list[dict]]], backend: str
) -> list[tuple[str, dict]]:
    """Evaluate each (title, catalogue, queries) on the chosen backends."""
    from django.test import Client, override_settings

    from search import backends

    reports = []
    client = Client(HTTP_HOST="localhost")
    for title, catalogue, queries in sets:
        with loaded_catalogue(catalogue):
            choices = []
            if backend in ("cluster", "both") and backends.cluster_urls():
                # Measure the cluster, not the fallback: on a busy machine a
                # request past the 1 s production timeout would be answered
                # by the database and counted as the cluster's.
                choices.append(("cluster", {"SEARCH_TIMEOUT": 10}))
            if backend in ("database", "both"):
                choices.append(("database", {"ELASTICSEARCH_URL": ""}))
            for _label, overrides in choices:
                # Hundreds of searches a minute from one address: not a visitor.
                unlimited = {"RATE_LIMITS": {"search_api": "1000000/60"}}
                with override_settings(**overrides, **unlimited):
                    backends.reset()
                    fetch = client_fetcher(client)
                    for split in sorted({q.get("split", "") for q in queries}):
                        subset = [q for q in queries if q.get("split", "") == split]
                        name = f"{title} {split}".strip()
                        reports.append((name, evaluate(subset, fetch)))
            backends.reset()
    return reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", help="evaluate a running portal (no loading)")
    parser.add_argument(
        "--queries", help="one judged query file instead of the two sets"
    )
    parser.add_argument("--catalogue", help="catalogue for --queries (in-process)")
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument(
        "--set", choices=["evalset", "sample", "both"], default="both", dest="which"
    )
    parser.add_argument(
        "--backend", choices=["cluster", "database", "both"], default="both"
    )
    parser.add_argument("--json", action="store_true", help="print the reports as JSON")
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="one line per query"
    )
    args = parser.parse_args(argv)

    def read(path: Path) -> list[dict]:
        items = json.loads(Path(path).read_text(encoding="utf-8"))
        if args.split != "all":
            items = [q for q in items if q.get("split", args.split) == args.split]
        return items

    if args.url:
        queries = read(Path(args.queries) if args.queries else EVAL_QUERIES)
        reports = [("url", evaluate(queries, http_fetcher(args.url)))]
    else:
        setup_django()
        if args.queries:
            catalogue = Path(args.catalogue) if args.catalogue else EVAL_CATALOGUE
            sets = [("queries", catalogue, read(Path(args.queries)))]
        else:
            sets = []
            if args.which in ("evalset", "both"):
                sets.append(("evalset", EVAL_CATALOGUE, read(EVAL_QUERIES)))
            if args.which in ("sample", "both"):
                sets.append(("sample", SAMPLE_CATALOGUE, read(SAMPLE_QUERIES)))
        reports = run_sets(sets, args.backend)
    if args.json:
        print(json.dumps(dict(reports), ensure_ascii=False, indent=1))
    else:
        for title, report in reports:
            print(format_report(report, args.verbose, title))
    return 0


if __name__ == "__main__":
    sys.exit(main())
