"""A front cache that records the bans it is sent (the real Varnish is
tested in tests/stack/test_stack.py): for tests of what an edit purges."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest


class _BanRecorder(BaseHTTPRequestHandler):
    """A front cache that only records the bans it is sent."""

    def do_BAN(self):  # noqa: N802 - the HTTP method's name
        self.server.bans.append(self.headers["X-Ban-Url"])
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def front_cache(settings):
    server = HTTPServer(("127.0.0.1", 0), _BanRecorder)  # a free port
    server.bans = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish0": {
            "BACKEND": "portal.frontend_cache.VarnishBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield server
    server.shutdown()
    server.server_close()
