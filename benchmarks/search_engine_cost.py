"""Where the engine's time goes in one search, one query at a time.

    SEARCH_INDEX_PREFIX=benchss ELASTICSEARCH_URL=http://127.0.0.1:9260 \\
    DATABASE_URL=postgres://portal@127.0.0.1:5433/portal_search_bench \\
      .venv/bin/python benchmarks/search_engine_cost.py

Searches the data a `search_speed.py --keep` run left (its index prefix and
database rows) with the requests `search/queries.py` builds for each
evaluation query that finds something: the best-score probe, the page as the
API sends it (facets, highlighting), and the page without highlighting,
without facets (what a repeated search sends: its facets and best score are
remembered) and without total hits. Each request is sent `--runs` times in
turn with the others and the fastest `took` is kept, so that the machine's
other work weighs little. Prints the mean and p95 per request.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUERIES = ROOT / "benchmarks" / "evalset" / "queries.json"


def variants(page: dict) -> dict[str, dict]:
    """The page request and the same without one of its parts."""
    bare = {key: value for key, value in page.items() if key != "aggs"}
    return {
        "page (facets, highlighting)": page,
        "page without highlighting": {
            k: v for k, v in page.items() if k != "highlight"
        },
        "page without facets (a repeated search)": bare,
        "page without total hits": {**page, "track_total_hits": False},
    }


def requests_for(q: str, language: str, engine) -> tuple[str, dict[str, dict]] | None:
    """(index, {label: body}) for one query, or None when it finds nothing."""
    from django.core.cache import caches

    from search import documents
    from search.forms import SearchParams
    from search.queries import ProcedureSearch
    from search.understanding import RELEVANCE_FLOOR

    caches["local"].clear()  # facets and best scores are not remembered
    search = ProcedureSearch(SearchParams(q=q, locale=language))
    if not search.has_query:
        return None
    probe = {
        "query": {
            "bool": {
                "must": [search.text_query().to_dict()],
                "filter": [f.to_dict() for f in search.filters()],
            }
        },
        "size": 1,
        "_source": False,
        "track_total_hits": False,
    }
    index = documents.alias_name(search.language)
    hits = engine.search(index, probe)["hits"]
    if not hits.get("hits"):
        return None
    page = search.build(False, hits["max_score"] * RELEVANCE_FLOOR).to_dict()
    return index, {"probe (best score)": probe, **variants(copy.deepcopy(page))}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from search.backends import require_engine

    engine = require_engine()
    took: dict[str, list[float]] = {}
    for item in json.loads(QUERIES.read_text("utf-8")):
        built = requests_for(item["q"], item["lang"], engine)
        if built is None:
            continue
        index, bodies = built
        fastest = dict.fromkeys(bodies, float("inf"))
        for _ in range(args.runs):
            for label, body in bodies.items():
                spent = float(engine.search(index, body)["took"])
                fastest[label] = min(fastest[label], spent)
        for label, spent in fastest.items():
            took.setdefault(label, []).append(spent)
    print(f"{len(took['probe (best score)'])} queries, fastest of {args.runs} runs")
    for label, values in took.items():
        print(
            f"{label:45} mean {statistics.mean(values):5.2f} ms  p95 {p95(values):4.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
