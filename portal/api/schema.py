"""The OpenAPI 3.1 document (openapi.yaml beside this module) and its view.

The YAML file is the source of truth; it is read once per process. The view
serves it as JSON with `servers` set to the public base URL, so tools such as
Schemathesis or an API client generator can call the API from it.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

SCHEMA_PATH = Path(__file__).with_name("openapi.yaml")


@cache
def _load() -> dict[str, Any]:
    with SCHEMA_PATH.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def openapi_document(base_url: str | None = None) -> dict[str, Any]:
    """A fresh copy of the document; `servers` names `base_url` when given."""
    document = copy.deepcopy(_load())
    if base_url:
        document["servers"] = [{"url": base_url.rstrip("/") or "/"}]
    return document


@require_GET
@cache_control(public=True, max_age=300)
def schema_view(request: HttpRequest) -> JsonResponse:
    """`GET /api/schema/`: the OpenAPI document as JSON."""
    base = getattr(settings, "PUBLIC_BASE_URL", "") or request.build_absolute_uri("/")
    response = JsonResponse(
        openapi_document(base), json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
