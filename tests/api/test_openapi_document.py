"""The OpenAPI document itself: valid, served, complete, and in step with docs/api.md."""

from __future__ import annotations

import pytest
import schemathesis
from django.conf import settings
from django.urls import get_resolver
from jsonschema import Draft202012Validator

from portal.api.markdown import render_markdown
from portal.api.schema import openapi_document

from .openapi import path_regex


def test_the_document_is_openapi_3_1_and_loads_in_schemathesis():
    document = openapi_document()
    assert document["openapi"].startswith("3.1")
    schema = schemathesis.openapi.from_dict(document)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == sum(len(item) for item in document["paths"].values())


def test_every_component_schema_is_valid_json_schema():
    for schema in openapi_document()["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)  # raises, naming the error


def test_every_reference_resolves():
    document = openapi_document()

    def refs(node):
        if isinstance(node, dict):
            if "$ref" in node:
                yield node["$ref"]
            for value in node.values():
                yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    for ref in refs(document):
        target = document
        for token in ref.removeprefix("#/").split("/"):
            target = target[token]


@pytest.mark.django_db
def test_schema_is_served_as_json_with_the_public_base_url(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    served = response.json()
    assert served["servers"] == [{"url": settings.PUBLIC_BASE_URL.rstrip("/")}]
    served.pop("servers")
    assert served == openapi_document()


def _api_routes() -> list[str]:
    """Every URL pattern under /api/, written like the document's paths."""
    found = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            text = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, text)
            elif text.startswith("api/"):
                found.append("/" + text)

    walk(get_resolver().url_patterns)
    return found


def test_every_api_route_is_documented():
    documented = [path_regex(path) for path in openapi_document()["paths"]]
    examples = {
        route: route.replace("<str:code>", "X").replace(
            "(?P<code>[0-9A-Za-z][0-9A-Za-z.\\-]{0,31})", "X"
        )
        for route in _api_routes()
    }
    missing = [
        route
        for route, example in examples.items()
        if not any(regex.match(example) for regex in documented)
    ]
    assert not missing, f"undocumented API routes: {missing}"


def test_docs_api_md_is_generated_from_the_document():
    current = (settings.BASE_DIR / "docs" / "api.md").read_text(encoding="utf-8")
    assert current == render_markdown(), (
        "docs/api.md differs from portal/api/openapi.yaml: "
        "run `manage.py api_docs` and commit the result"
    )
