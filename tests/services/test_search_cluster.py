"""Checks against real OpenSearch nodes (no mocks, no Django).

``test_single_node_*`` uses the cluster named by ``ELASTICSEARCH_URL`` (started
by ``scripts/run_tests.sh``). ``test_three_node_cluster_survives_a_stopped_node``
starts its own 3-node cluster on other ports with ``search-engine/searchctl.sh``,
stops one node and checks that search still answers.

A test that cannot reach its search engine fails; it never skips.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from opensearchpy import OpenSearch

REPO_DIR = Path(__file__).resolve().parents[2]
SEARCHCTL = REPO_DIR / "search-engine" / "searchctl.sh"

# Ports of the private failover cluster; away from the default 9200/9300 so it
# can run next to the node the rest of the suite uses.
FAILOVER_HTTP_PORT = int(os.environ.get("SEARCH_FAILOVER_PORT", "9250"))
# Transport ports follow the HTTP ones +100 unless set (to stay inside a range).
FAILOVER_TRANSPORT_PORT = int(
    os.environ.get("SEARCH_FAILOVER_TRANSPORT_PORT", str(FAILOVER_HTTP_PORT + 100))
)
FAILOVER_NODES = 3

DOCUMENT = {
    "code": "1.001612",
    "title": "Đăng ký kinh doanh",
    "title_suggest": "Đăng ký kinh doanh",
}

# The analysis the portal relies on: accent folding so "dang ky" finds
# "Đăng ký", edge n-grams for prefixes, synonym_graph at query time, and a
# search_as_you_type field (mapper-extras module) for the suggest box.
INDEX_BODY = {
    "settings": {
        "number_of_shards": 1,
        "analysis": {
            "filter": {
                "portal_edge_ngram": {
                    "type": "edge_ngram",
                    "min_gram": 1,
                    "max_gram": 20,
                },
                "portal_synonyms": {
                    "type": "synonym_graph",
                    "synonyms": ["dkkd, đăng ký kinh doanh"],
                },
            },
            "analyzer": {
                "portal_folding": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding"],
                },
                "portal_prefix": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", "portal_edge_ngram"],
                },
                "portal_query": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "portal_synonyms", "asciifolding"],
                },
            },
        },
    },
    "mappings": {
        "properties": {
            "code": {"type": "keyword"},
            "title": {
                "type": "text",
                "analyzer": "portal_prefix",
                "search_analyzer": "portal_query",
            },
            "title_suggest": {
                "type": "search_as_you_type",
                "analyzer": "portal_folding",
            },
        }
    },
}


def _index_name(label: str) -> str:
    prefix = os.environ.get("SEARCH_INDEX_PREFIX", "test")
    return f"{prefix}_services_{label}_{uuid.uuid4().hex[:8]}".lower()


def _client(urls: str) -> OpenSearch:
    hosts = [url.strip() for url in urls.split(",") if url.strip()]
    return OpenSearch(hosts=hosts, timeout=30, max_retries=3, retry_on_timeout=True)


def _elasticsearch_url() -> str:
    url = os.environ.get("ELASTICSEARCH_URL", "").strip()
    if not url:
        pytest.fail(
            "ELASTICSEARCH_URL is not set: start a node with `make search-engine` "
            "or run the suite with `make test`."
        )
    return url


def _hit_codes(response: dict) -> list[str]:
    return [hit["_source"]["code"] for hit in response["hits"]["hits"]]


def _search_dang_ky(client: OpenSearch, index: str) -> dict:
    return client.search(
        index=index,
        body={"query": {"match": {"title": {"query": "dang ky", "operator": "and"}}}},
    )


def _assert_portal_analysis_works(client: OpenSearch, index: str) -> None:
    """Run the queries the portal depends on against an index built from INDEX_BODY."""
    assert _hit_codes(_search_dang_ky(client, index)) == [DOCUMENT["code"]]

    # Prefix typed without accents, via the edge n-grams.
    response = client.search(
        index=index, body={"query": {"match": {"title": "kinh doa"}}}
    )
    assert _hit_codes(response) == [DOCUMENT["code"]]

    # Query-time synonym: the abbreviation finds the full phrase.
    response = client.search(index=index, body={"query": {"match": {"title": "dkkd"}}})
    assert _hit_codes(response) == [DOCUMENT["code"]]

    # search_as_you_type with a half-typed last word, with and without accents.
    for typed in ("đăng k", "dang ky kin"):
        response = client.search(
            index=index,
            body={
                "query": {
                    "multi_match": {
                        "query": typed,
                        "type": "bool_prefix",
                        "fields": [
                            "title_suggest",
                            "title_suggest._2gram",
                            "title_suggest._3gram",
                        ],
                    }
                }
            },
        )
        assert _hit_codes(response) == [DOCUMENT["code"]], typed


@pytest.mark.search
def test_single_node_answers() -> None:
    client = _client(_elasticsearch_url())
    info = client.info()
    assert info["version"]["number"], info
    health = client.cluster.health()
    assert health["status"] in ("green", "yellow"), health


@pytest.mark.search
def test_single_node_vietnamese_analysis_and_search_as_you_type() -> None:
    client = _client(_elasticsearch_url())
    index = _index_name("analysis")
    client.indices.create(index=index, body=INDEX_BODY)
    try:
        client.index(index=index, id=DOCUMENT["code"], body=DOCUMENT, refresh=True)
        _assert_portal_analysis_works(client, index)
    finally:
        client.indices.delete(index=index, ignore_unavailable=True)
    assert not client.indices.exists(index=index)


# --- 3-node cluster -----------------------------------------------------------


def _searchctl(*args: str, timeout: float = 180) -> str:
    env = {
        **os.environ,
        "SEARCH_PORT": str(FAILOVER_HTTP_PORT),
        "SEARCH_NODES": str(FAILOVER_NODES),
        "SEARCH_TRANSPORT_PORT": str(FAILOVER_TRANSPORT_PORT),
        "SEARCH_CLUSTER_NAME": "portal-search-failover",
    }
    result = subprocess.run(
        ["bash", str(SEARCHCTL), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"searchctl.sh {' '.join(args)} exited {result.returncode}:\n"
            f"{result.stderr}\n{result.stdout}"
        )
    return result.stdout.strip()


@pytest.fixture
def three_node_cluster() -> Iterator[str]:
    """Start a fresh private 3-node cluster; yield its comma-separated URLs."""
    _searchctl("stop")
    _searchctl("clean")
    try:
        # Inside the try: a start interrupted half-way (Ctrl-C, a failed wait)
        # must not leave a JVM behind.
        yield _searchctl("start")
    finally:
        _searchctl("stop")
        _searchctl("clean")


def _server_wait(params: dict[str, str], seconds: int) -> dict[str, object]:
    """Query params for a health call that waits server-side up to ``seconds``.

    opensearch-py takes a bare ``timeout`` param as its own request timeout and
    does not send it, unless ``request_timeout`` is also given; so give both.
    """
    return {**params, "timeout": f"{seconds}s", "request_timeout": seconds + 10}


def _cluster_manager_node_number(client: OpenSearch) -> int:
    rows = client.cat.cluster_manager(format="json")
    name = rows[0]["node"]  # e.g. "portal-node-2"
    return int(name.rsplit("-", 1)[1])


@pytest.mark.search
@pytest.mark.cluster
def test_three_node_cluster_survives_a_stopped_node(three_node_cluster: str) -> None:
    urls = three_node_cluster.split(",")
    assert len(urls) == FAILOVER_NODES, three_node_cluster
    client = _client(three_node_cluster)
    assert client.cluster.health()["number_of_nodes"] == FAILOVER_NODES

    index = _index_name("failover")
    body = json.loads(json.dumps(INDEX_BODY))
    body["settings"].update({"number_of_shards": 3, "number_of_replicas": 1})
    client.indices.create(index=index, body=body)
    client.index(index=index, id=DOCUMENT["code"], body=DOCUMENT, refresh=True)
    # Every shard must have its replica before a node goes away.
    health = client.cluster.health(
        index=index, params=_server_wait({"wait_for_status": "green"}, seconds=60)
    )
    assert health["status"] == "green", health

    # Stop the elected cluster manager: the hardest node to lose.
    stopped = _cluster_manager_node_number(client)
    _searchctl("stop-node", str(stopped))
    survivors = [url for number, url in enumerate(urls, start=1) if number != stopped]

    # Search answers at once, before the cluster has even noticed.
    response = _search_dang_ky(_client(",".join(survivors)), index)
    assert _hit_codes(response) == [DOCUMENT["code"]]

    # Then the cluster settles with two nodes, elects a new manager, and every
    # surviving node still answers the full set of portal queries.
    deadline = time.monotonic() + 60
    while True:
        health = _client(survivors[0]).cluster.health(
            params=_server_wait({"wait_for_nodes": str(FAILOVER_NODES - 1)}, seconds=5)
        )
        if (
            health["number_of_nodes"] == FAILOVER_NODES - 1
            and health["status"] != "red"
        ):
            break
        assert time.monotonic() < deadline, f"cluster did not settle: {health}"
    for url in survivors:
        survivor = _client(url)
        _assert_portal_analysis_works(survivor, index)
        assert _cluster_manager_node_number(survivor) != stopped

    # Writes work again too (they need the new cluster manager).
    client = _client(",".join(survivors))
    client.index(
        index=index, id="second", body={**DOCUMENT, "code": "second"}, refresh=True
    )
    assert client.count(index=index)["count"] == 2
    client.indices.delete(index=index)
