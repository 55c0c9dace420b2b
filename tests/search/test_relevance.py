"""Relevance floors, close to what benchmarks/relevance.py measures.

Two sets, each on both backends:

- the held-back test split of the evaluation set (benchmarks/evalset/: 126
  queries over 313 procedures, written before any tuning; nothing was tuned
  on it). Measured: nDCG@10 0.906 on OpenSearch 2.19.1, 0.894 on the database
  (PostgreSQL), zero-result rate 0, no nonsense query answered;
- the 34 sample queries over the 45 sample procedures (the first release's
  regression check). Measured: 0.958 on OpenSearch, 0.963 on the database.

Floors sit 0.025-0.035 below the measured figures: enough for the noise of a
re-ordered tie, not for a real loss (one query of the test split dropping
from a perfect answer to nothing costs about 0.008).
"""

import json

import pytest

from benchmarks.relevance import client_fetcher, evaluate, format_report
from tests.search.sample import EVAL_CATALOGUE, EVAL_QUERIES, QUERIES, SAMPLE

pytestmark = pytest.mark.search

FLOORS = {
    ("evalset", "cluster"): 0.88,
    ("evalset", "database"): 0.86,
    ("sample", "cluster"): 0.93,
    ("sample", "database"): 0.93,
}


@pytest.fixture(scope="module", params=["evalset", "sample"])
def catalogue_path(request):
    return EVAL_CATALOGUE if request.param == "evalset" else SAMPLE


def _queries(catalogue_path) -> tuple[str, list[dict]]:
    if catalogue_path == EVAL_CATALOGUE:
        items = json.loads(EVAL_QUERIES.read_text(encoding="utf-8"))
        return "evalset", [q for q in items if q["split"] == "test"]
    return "sample", json.loads(QUERIES.read_text(encoding="utf-8"))


def _check(report: dict, name: str, backend: str) -> None:
    print(format_report(report, verbose=True, title=f"{name} {backend}"))
    assert report["ndcg@10"] >= FLOORS[(name, backend)]
    assert report["zero_result_rate"] == 0
    assert report["nonsense_with_results"] == 0


def test_relevance_on_cluster(catalogue_path, on_cluster, client):
    name, queries = _queries(catalogue_path)
    report = evaluate(queries, client_fetcher(client))
    assert report["backend"] == on_cluster.name
    _check(report, name, "cluster")


def test_relevance_on_database(catalogue_path, on_database, client):
    name, queries = _queries(catalogue_path)
    report = evaluate(queries, client_fetcher(client))
    assert report["backend"] == "database"
    _check(report, name, "database")
