"""Relevance of the search API against graded judgements.

    python benchmarks/relevance.py                       # in-process, current settings
    python benchmarks/relevance.py --url http://127.0.0.1:8000
    python benchmarks/relevance.py --queries demo/sample-queries.json --json

Metrics over the first 10 results of GET /api/procedures/search/?q=…&locale=…&page_size=10:
nDCG@10 (gain 2^grade − 1, ideal ordering of the judged grades), MRR (reciprocal
rank of the first grade-3 result), recall@10 of grade ≥ 2 codes, zero-result
rate over the non-nonsense queries; for nonsense queries, the share that
returned anything. Printed overall and per query kind.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_QUERIES = ROOT / "demo" / "sample-queries.json"

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
    return {
        "ndcg": ndcg,
        "mrr": mrr,
        "recall": recall,
        "zero": 1.0 if not codes else 0.0,
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
            "top": codes[:10],
        }
        row.update(score_query(codes, item.get("relevant") or {}))
        rows.append(row)
    judged = [r for r in rows if r["kind"] != "nonsense"]
    nonsense = [r for r in rows if r["kind"] == "nonsense"]

    def mean(values: list[float]) -> float:
        return sum(values) / len(values) if values else 0.0

    by_kind: dict[str, list[dict]] = defaultdict(list)
    for row in judged:
        by_kind[row["kind"]].append(row)
    return {
        "backend": ",".join(sorted(backends)),
        "queries": len(rows),
        "ndcg@10": mean([r["ndcg"] for r in judged]),
        "mrr": mean([r["mrr"] for r in judged]),
        "recall@10": mean([r["recall"] for r in judged]),
        "zero_result_rate": mean([r["zero"] for r in judged]),
        "nonsense_with_results": mean([1.0 - r["zero"] for r in nonsense])
        if nonsense
        else 0.0,
        "per_kind": {
            kind: {
                "n": len(items),
                "ndcg@10": mean([r["ndcg"] for r in items]),
                "mrr": mean([r["mrr"] for r in items]),
                "recall@10": mean([r["recall"] for r in items]),
                "zero_result_rate": mean([r["zero"] for r in items]),
            }
            for kind, items in sorted(by_kind.items())
        },
        "rows": rows,
    }


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


def format_report(report: dict, verbose: bool = False) -> str:
    lines = [
        f"backend: {report['backend']}   queries: {report['queries']}",
        f"nDCG@10 {report['ndcg@10']:.3f}   MRR {report['mrr']:.3f}   recall@10 {report['recall@10']:.3f}   "
        f"zero-result rate {report['zero_result_rate']:.3f}   nonsense with results {report['nonsense_with_results']:.2f}",
        "",
        f"{'kind':<15}{'n':>3}{'nDCG@10':>9}{'MRR':>7}{'recall':>8}{'zero':>6}",
    ]
    for kind, m in report["per_kind"].items():
        lines.append(
            f"{kind:<15}{m['n']:>3}{m['ndcg@10']:>9.3f}{m['mrr']:>7.3f}{m['recall@10']:>8.3f}{m['zero_result_rate']:>6.2f}"
        )
    if verbose:
        lines.append("")
        for row in report["rows"]:
            lines.append(
                f"{row['ndcg']:.2f} [{row['kind']}] {row['q']!r} -> {' '.join(row['top'][:5])}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--url",
        help="base URL of a running portal; default: in-process with Django settings",
    )
    parser.add_argument("--queries", default=str(DEFAULT_QUERIES))
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="one line per query"
    )
    args = parser.parse_args(argv)
    queries = json.loads(Path(args.queries).read_text(encoding="utf-8"))
    if args.url:
        fetch = http_fetcher(args.url)
    else:
        import os

        sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
        import django

        django.setup()
        from django.test import Client

        fetch = client_fetcher(Client(HTTP_HOST="localhost"))
    report = evaluate(queries, fetch)
    print(
        json.dumps(report, ensure_ascii=False, indent=2)
        if args.json
        else format_report(report, args.verbose)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
