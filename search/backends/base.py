"""The engine interface every adapter implements, and the errors it raises.

Queries and mappings are plain dicts built with `elasticsearch.dsl`; an
adapter only carries them to its engine with that engine's official client.
"""

from abc import ABC, abstractmethod
from typing import Any


class EngineUnavailable(Exception):
    """The cluster did not answer: refused, timed out, or said it cannot now
    (502, 503, 504, 429). Counts towards opening the circuit breaker."""


class EngineError(Exception):
    """The cluster answered with an error about this request (4xx, other 5xx
    such as a query with too many clauses). The database answers that one
    request; the breaker is not involved."""


# Statuses that mean "the cluster cannot answer now", not "this request is bad".
UNAVAILABLE_STATUSES = frozenset({429, 502, 503, 504})


class Engine(ABC):
    """One search cluster, reached through its official Python client."""

    #: "elasticsearch" or "opensearch": what the API reports as `backend`.
    name: str = ""

    def __init__(self, urls: list[str], version: str, timeout: float = 1.0):
        self.urls = urls
        self.version = version
        self.timeout = timeout
        self.client = self.make_client(urls, timeout)

    @abstractmethod
    def make_client(self, urls: list[str], timeout: float) -> Any:
        """The engine's official client, with short timeouts for user requests."""

    @abstractmethod
    def call(self, method: str, *, long: bool = False, **kwargs: Any) -> Any:
        """Call one client method, translating the client's errors to ours."""

    # The operations the project needs, identical for both engines.

    def search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        return dict(self.call("search", index=index, body=body))

    def bulk(
        self, operations: list[dict[str, Any]], refresh: bool = False
    ) -> dict[str, Any]:
        if not operations:
            return {"errors": False, "items": []}
        kwargs: dict[str, Any] = {"body": operations}
        if refresh:
            kwargs["refresh"] = "true"
        return dict(self.call("bulk", long=True, **kwargs))

    def create_index(self, name: str, body: dict[str, Any]) -> None:
        self.call("indices.create", long=True, index=name, body=body)

    def delete_index(self, name: str) -> None:
        self.call("indices.delete", long=True, index=name, ignore_unavailable=True)

    def put_settings(self, index: str, body: dict[str, Any]) -> None:
        self.call("indices.put_settings", long=True, index=index, body=body)

    def refresh(self, index: str) -> None:
        self.call("indices.refresh", long=True, index=index)

    def count(self, index: str) -> int:
        return int(self.call("count", index=index)["count"])

    def indices_for_alias(self, alias: str) -> list[str]:
        """Concrete indices behind an alias; empty when the alias does not exist."""
        try:
            answer = self.call("indices.get_alias", name=alias)
        except EngineError:
            return []
        return sorted(answer.keys())

    def list_indices(self, pattern: str) -> list[str]:
        try:
            answer = self.call("indices.get", index=pattern, ignore_unavailable=True)
        except EngineError:
            return []
        return sorted(answer.keys())

    def swap_alias(self, alias: str, new_index: str, old_indices: list[str]) -> None:
        """Point `alias` at `new_index` in one atomic request."""
        actions: list[dict[str, Any]] = [
            {"remove": {"index": old, "alias": alias}} for old in old_indices
        ]
        actions.append({"add": {"index": new_index, "alias": alias}})
        self.call("indices.update_aliases", long=True, body={"actions": actions})

    def health(self) -> dict[str, Any]:
        return dict(self.call("cluster.health"))

    def info(self) -> dict[str, Any]:
        return dict(self.call("info"))

    def _resolve(self, method: str) -> Any:
        target = self.client
        for part in method.split("."):
            target = getattr(target, part)
        return target
