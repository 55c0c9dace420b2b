"""Elasticsearch 8.x through the official `elasticsearch` client.

Elasticsearch cannot be installed on the project's machines, so this adapter
is tested at its client boundary (tests/search/test_engines.py): the requests
the real client sends are checked against a recording HTTP server.
"""

from typing import Any

import elastic_transport
from elasticsearch import ApiError, Elasticsearch

from search.backends.base import (
    UNAVAILABLE_STATUSES,
    Engine,
    EngineError,
    EngineUnavailable,
)

LONG_TIMEOUT = 120


class ElasticsearchEngine(Engine):
    """An Elasticsearch 8 cluster."""

    name = "elasticsearch"

    def make_client(self, urls: list[str], timeout: float) -> Elasticsearch:
        return Elasticsearch(
            hosts=urls,
            request_timeout=timeout,
            max_retries=len(urls),
            retry_on_timeout=False,
        )

    def call(self, method: str, *, long: bool = False, **kwargs: Any) -> Any:
        client = (
            self.client.options(request_timeout=LONG_TIMEOUT) if long else self.client
        )
        target = client
        for part in method.split("."):
            target = getattr(target, part)
        if method == "bulk":
            kwargs["operations"] = kwargs.pop("body")
        try:
            response = target(**kwargs)
        except (
            elastic_transport.ConnectionError,
            elastic_transport.ConnectionTimeout,
        ) as error:
            raise EngineUnavailable(str(error)) from error
        except ApiError as error:
            if error.meta.status in UNAVAILABLE_STATUSES:
                raise EngineUnavailable(str(error)) from error
            raise EngineError(str(error)) from error
        return response.body if hasattr(response, "body") else response
