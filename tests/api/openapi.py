"""Checking a real response against the OpenAPI document."""

from __future__ import annotations

import json
import re

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from portal.api.schema import openapi_document

DOCUMENT_URI = "urn:portal:openapi"


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _pointer(*tokens: str) -> str:
    return "#/" + "/".join(_escape(token) for token in tokens)


def operation(path: str, method: str = "get") -> dict:
    return openapi_document()["paths"][path][method]


def schema_pointer(path: str, method: str, status: int, media: str) -> str:
    """Where the documented body schema of this answer lives in the document."""
    response = operation(path, method)["responses"][str(status)]
    if "$ref" in response:
        name = response["$ref"].rsplit("/", 1)[-1]
        return _pointer("components", "responses", name, "content", media, "schema")
    return _pointer(
        "paths", path, method, "responses", str(status), "content", media, "schema"
    )


def validator(pointer: str) -> Draft202012Validator:
    """A JSON Schema 2020-12 validator for the schema at `pointer`; its local
    references ("#/components/…") resolve against the whole document."""
    resource = DRAFT202012.create_resource(openapi_document())
    registry = Registry().with_resource(DOCUMENT_URI, resource)
    return Draft202012Validator(
        {"$ref": DOCUMENT_URI + pointer},
        registry=registry,
        format_checker=FormatChecker(),
    )


def assert_matches_schema(response, path: str, method: str = "get") -> None:
    """The status is documented for the operation, the media type too, and a
    JSON body validates against the documented schema (errors are listed)."""
    documented = operation(path, method)["responses"]
    status = str(response.status_code)
    assert status in documented, (
        f"{method.upper()} {path} answered {status}, documented: {sorted(documented)}"
    )
    content = documented[status]
    if "$ref" in content:
        name = content["$ref"].rsplit("/", 1)[-1]
        content = openapi_document()["components"]["responses"][name]
    if "content" not in content:  # documented without a body (204)
        assert not response.content, f"{status} has a body it does not document"
        return
    media = response["Content-Type"].split(";")[0].strip()
    pointer = schema_pointer(path, method, response.status_code, media)
    assert media in content.get("content", {}), f"{media} not documented for {status}"
    if media != "application/json":
        return
    body = json.loads(response.content)
    errors = sorted(validator(pointer).iter_errors(body), key=lambda e: list(e.path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.path)) or '(root)'}: {e.message}" for e in errors[:10]
    )


def path_regex(template: str) -> re.Pattern:
    """ "/api/procedures/{code}/" → a regex matching real paths."""
    return re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$")
