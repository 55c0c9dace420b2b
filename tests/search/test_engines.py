"""Engine adapters at their client boundary.

Elasticsearch cannot be installed here, so the Elasticsearch 8 adapter is
driven against a recording HTTP server that answers like Elasticsearch 8: the
real `elasticsearch` client sends its real requests, and we check them.
"""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from search import backends, documents
from search.backends import UnsupportedEngine, engine_class_for, get_engine
from search.backends.elasticsearch import ElasticsearchEngine
from search.backends.opensearch import OpenSearchEngine
from search.forms import SearchParams
from search.queries import ProcedureSearch
from search.understanding import RELEVANCE_FLOOR

ES8_ROOT = {
    "name": "es01",
    "cluster_name": "docker-cluster",
    "version": {
        "number": "8.15.3",
        "build_flavor": "default",
        "build_type": "docker",
        "lucene_version": "9.11.1",
    },
    "tagline": "You Know, for Search",
}
OS2_ROOT = {
    "name": "n1",
    "version": {"distribution": "opensearch", "number": "2.19.1"},
    "tagline": "The OpenSearch Project",
}
OS3_ROOT = {"name": "n1", "version": {"distribution": "opensearch", "number": "3.1.0"}}


@pytest.mark.smoke
@pytest.mark.parametrize(
    "root, expected",
    [
        (ES8_ROOT, ElasticsearchEngine),
        (OS2_ROOT, OpenSearchEngine),
        (OS3_ROOT, OpenSearchEngine),
    ],
)
def test_engine_is_recognised_from_the_root_answer(root, expected):
    assert engine_class_for(root) is expected


@pytest.mark.smoke
@pytest.mark.parametrize(
    "root",
    [
        {"version": {"number": "7.17.0"}, "tagline": "You Know, for Search"},
        {"version": {"distribution": "opensearch", "number": "1.3.0"}},
        {"hello": "world"},
    ],
)
def test_unsupported_engines_are_refused(root):
    with pytest.raises(UnsupportedEngine):
        engine_class_for(root)


class Recorder(BaseHTTPRequestHandler):
    """Answers like an Elasticsearch 8 node and records every request."""

    requests: list[dict] = []

    def _answer(self, payload: dict, status: int = 200) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header(
            "Content-Type", "application/vnd.elasticsearch+json;compatible-with=8"
        )
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode() if length else ""
        self.requests.append(
            {
                "method": self.command,
                "path": self.path,
                "body": raw,
                "headers": dict(self.headers),
            }
        )
        path = self.path.split("?")[0]
        if path == "/":
            self._answer(ES8_ROOT)
        elif path.endswith("/_search"):
            self._answer(
                {
                    "took": 3,
                    "hits": {
                        "total": {"value": 1, "relation": "eq"},
                        "max_score": 8.0,
                        "hits": [
                            {
                                "_id": "k",
                                "_source": {
                                    "code": "1.001193",
                                    "name": "Đăng ký khai sinh",
                                    "url": "http://x/vi/khai-sinh/",
                                    "sector_name": "Hộ tịch",
                                    "agency_name": "UBND cấp xã",
                                    "level": "commune",
                                    "online_service": "full",
                                    "processing_time_days": 0.5,
                                },
                                "highlight": {
                                    "name": ["<mark>Đăng ký</mark> khai sinh"]
                                },
                            }
                        ],
                    },
                    "aggregations": {
                        "level": {
                            "doc_count": 1,
                            "values": {"buckets": [{"key": "commune", "doc_count": 1}]},
                        },
                        "sector": {
                            "doc_count": 1,
                            "values": {
                                "buckets": [{"key": "ho-tich\tHộ tịch", "doc_count": 1}]
                            },
                        },
                    },
                }
            )
        elif path == "/_bulk":
            self._answer({"errors": False, "items": [{"index": {"status": 201}}]})
        else:
            self._answer({"acknowledged": True})

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_es():
    Recorder.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    with override_settings(ELASTICSEARCH_URL=url, SEARCH_INDEX_PREFIX="t"):
        backends.reset()
        yield Recorder.requests
    server.shutdown()
    backends.reset()


@pytest.mark.smoke
def test_elasticsearch_adapter_sends_the_built_search(fake_es, db):
    engine = get_engine()
    assert isinstance(engine, ElasticsearchEngine) and engine.version == "8.15.3"
    query = ProcedureSearch(SearchParams(q="dang ky khai sinh", level=["commune"]))
    # The page is built with the floor at a share of the probe's best score
    # (8.0 in the recorded answer); built before the search, which caches
    # the facet counts it gets.
    expected = query.build(min_score=8.0 * RELEVANCE_FLOOR).to_dict()
    results = query.search(engine)
    probe, sent = fake_es[-2], fake_es[-1]
    assert json.loads(probe["body"])["size"] == 1  # the best score first
    assert sent["method"] == "POST" and sent["path"].startswith(
        "/t_procedures_vi/_search"
    )
    assert json.loads(sent["body"]) == expected
    assert results.timings["engine"] == 6
    headers = {k.lower(): v for k, v in sent["headers"].items()}
    assert "compatible-with=8" in headers.get("accept", "")
    assert results.backend == "elasticsearch"
    assert (
        results.results[0].code == "1.001193"
        and "<mark>" in results.results[0].highlight
    )
    assert results.facets["sector"] == [
        {"value": "ho-tich", "label": "Hộ tịch", "count": 1}
    ]


@pytest.mark.smoke
def test_elasticsearch_adapter_bulk_and_alias_swap(fake_es):
    engine = get_engine()
    engine.bulk([{"index": {"_index": "t_procedures_vi_1", "_id": "a"}}, {"code": "1"}])
    bulk = fake_es[-1]
    assert bulk["path"].startswith("/_bulk")
    lines = [json.loads(line) for line in bulk["body"].strip().splitlines()]
    assert lines == [
        {"index": {"_index": "t_procedures_vi_1", "_id": "a"}},
        {"code": "1"},
    ]
    engine.swap_alias("t_procedures_vi", "t_procedures_vi_2", ["t_procedures_vi_1"])
    swap = fake_es[-1]
    assert swap["path"].startswith("/_aliases")
    assert json.loads(swap["body"])["actions"] == [
        {"remove": {"index": "t_procedures_vi_1", "alias": "t_procedures_vi"}},
        {"add": {"index": "t_procedures_vi_2", "alias": "t_procedures_vi"}},
    ]
    engine.create_index("t_procedures_vi_3", documents.index_body("vi"))
    create = fake_es[-1]
    assert create["method"] == "PUT" and create["path"].startswith("/t_procedures_vi_3")
    assert (
        "portal_text" in json.loads(create["body"])["settings"]["analysis"]["analyzer"]
    )


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.smoke
def test_dead_cluster_opens_the_breaker_after_several_failures(db):
    with override_settings(
        ELASTICSEARCH_URL=f"http://127.0.0.1:{_closed_port()}",
        SEARCH_BREAKER_FAILURES=3,
    ):
        backends.reset()
        for _ in range(2):
            assert get_engine() is None
            assert not backends.breaker.is_open()  # one failure is not an outage
        assert get_engine() is None
        assert backends.breaker.is_open()
        started = time.monotonic()
        assert get_engine() is None  # no new attempt while open
        assert time.monotonic() - started < 0.05
    backends.reset()


@pytest.mark.smoke
def test_api_answers_from_the_database_when_the_cluster_is_down(db, client):
    with override_settings(ELASTICSEARCH_URL=f"http://127.0.0.1:{_closed_port()}"):
        backends.reset()
        started = time.monotonic()
        response = client.get("/api/procedures/search/", {"q": "khai sinh"})
        assert time.monotonic() - started < 2
        assert response.status_code == 200
        assert response.json()["backend"] == "database"
    backends.reset()


@pytest.mark.smoke
def test_unresponsive_cluster_times_out_in_about_a_second(db, client):
    """A node that accepts connections but never answers must not hang requests."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    try:
        with override_settings(
            ELASTICSEARCH_URL=f"http://127.0.0.1:{listener.getsockname()[1]}",
            SEARCH_TIMEOUT=1.0,
        ):
            backends.reset()
            started = time.monotonic()
            response = client.get("/api/procedures/search/", {"q": "khai sinh"})
            elapsed = time.monotonic() - started
            assert response.json()["backend"] == "database"
            assert elapsed < 2.5
    finally:
        listener.close()
        backends.reset()
