"""Relevance on the sample catalogue: nDCG@10 ≥ 0.85 on the cluster, ≥ 0.6 on the database."""

import json

import pytest

from benchmarks.relevance import client_fetcher, evaluate, format_report
from tests.search.sample import QUERIES

pytestmark = pytest.mark.search


def _report(client):
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    return evaluate(queries, client_fetcher(client))


def test_relevance_on_cluster(on_cluster, client):
    report = _report(client)
    print(format_report(report, verbose=True))
    assert report["backend"] == on_cluster.name
    assert report["ndcg@10"] >= 0.85
    assert report["nonsense_with_results"] == 0


def test_relevance_on_database(on_database, client):
    report = _report(client)
    print(format_report(report, verbose=True))
    assert report["backend"] == "database"
    assert report["ndcg@10"] >= 0.6
    assert report["nonsense_with_results"] == 0
