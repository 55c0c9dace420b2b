"""OpenSearch 2.x/3.x through `opensearch-py`."""

from typing import Any

from opensearchpy import OpenSearch
from opensearchpy import exceptions as os_exc

from search.backends.base import (
    UNAVAILABLE_STATUSES,
    Engine,
    EngineError,
    EngineUnavailable,
)

LONG_TIMEOUT = 120


class OpenSearchEngine(Engine):
    """An OpenSearch cluster."""

    name = "opensearch"

    def make_client(self, urls: list[str], timeout: float) -> OpenSearch:
        return OpenSearch(
            hosts=urls,
            timeout=timeout,
            max_retries=len(urls),  # a dead node: try the next one, once each
            retry_on_timeout=False,
            http_compress=False,
            # The warm-up and lexicon threads share the worker's connections.
            pool_maxsize=4,
        )

    def call(self, method: str, *, long: bool = False, **kwargs: Any) -> Any:
        function = self._resolve(method)
        params = {}
        if kwargs.pop("ignore_unavailable", False):
            params["ignore_unavailable"] = "true"
        if long:
            params["request_timeout"] = LONG_TIMEOUT
        if "refresh" in kwargs:
            params["refresh"] = kwargs.pop("refresh")
        if params:
            kwargs["params"] = params
        try:
            return function(**kwargs)
        except (os_exc.ConnectionError, os_exc.ConnectionTimeout) as error:
            raise EngineUnavailable(str(error)) from error
        except os_exc.TransportError as error:
            status = error.status_code if isinstance(error.status_code, int) else 500
            if status in UNAVAILABLE_STATUSES:
                raise EngineUnavailable(str(error)) from error
            raise EngineError(str(error)) from error
