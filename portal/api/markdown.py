"""docs/api.md, written from the OpenAPI document (`manage.py api_docs`).

tests/api/test_openapi_document.py fails when docs/api.md differs from what
this module writes, so the reference can never drift from the contract.
"""

from __future__ import annotations

from typing import Any

from .schema import openapi_document

HEADER = """\
# Public JSON API

<!-- Generated from portal/api/openapi.yaml by `manage.py api_docs`; do not edit. -->

{description}
The contract is the OpenAPI 3.1 document `portal/api/openapi.yaml`, served at
`GET /api/schema/`. Tests check real responses against it and Schemathesis
fuzzes every operation in it (`tests/api/`).

## Adding an endpoint
1. Describe it under `paths` in `portal/api/openapi.yaml`, reusing
   `components` (the `Error` schema, the `Locale`, `Page` and `PageSize`
   parameters, the `BadRequest`, `NotFound` and `TooManyRequests` responses).
2. Run `.venv/bin/python manage.py api_docs` to rewrite this file.
3. Add a check of a real response in `tests/api/test_openapi_responses.py`
   (`assert_matches_schema(response, "/api/…/", "get")`); the Schemathesis
   test picks the new operation up by itself.
"""


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_of(schema: dict[str, Any]) -> str:
    """A short human-readable type: `integer`, `string \\| null`, `array of X`."""
    if "$ref" in schema:
        name = _ref_name(schema["$ref"])
        return f"[{name}](#{name.lower()})"
    if "enum" in schema:
        return " \\| ".join(f"`{value}`" for value in schema["enum"])
    alternatives = schema.get("anyOf") or schema.get("oneOf")
    if alternatives:
        return " \\| ".join(type_of(alternative) for alternative in alternatives)
    kind = schema.get("type", "any")
    kinds = kind if isinstance(kind, list) else [kind]
    parts = []
    for item in kinds:
        if item == "array":
            parts.append(f"array of {type_of(schema.get('items', {}))}")
        else:
            parts.append(str(item))
    text = " \\| ".join(parts)
    if schema.get("format"):
        text += f" ({schema['format']})"
    return text


def _constraints(schema: dict[str, Any]) -> str:
    names = ("minimum", "maximum", "maxLength", "maxItems", "pattern", "default")
    found = [f"{name} `{schema[name]}`" for name in names if name in schema]
    return "; ".join(found)


def _notes(description: str, schema: dict[str, Any]) -> str:
    parts = [description.strip().rstrip("."), _constraints(schema)]
    return "; ".join(part for part in parts if part)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _parameter(document: dict, parameter: dict) -> dict:
    if "$ref" in parameter:
        return document["components"]["parameters"][_ref_name(parameter["$ref"])]
    return parameter


def _response(document: dict, response: dict) -> dict:
    if "$ref" in response:
        return document["components"]["responses"][_ref_name(response["$ref"])]
    return response


def _operation(document: dict, path: str, method: str, operation: dict) -> list[str]:
    lines = [f"## `{method.upper()} {path}`", "", f"**{operation['summary']}**", ""]
    if operation.get("description"):
        lines += [operation["description"].strip(), ""]
    parameters = [_parameter(document, p) for p in operation.get("parameters", [])]
    if parameters:
        lines += [
            "| parameter | in | type | required | notes |",
            "|---|---|---|---|---|",
        ]
        for parameter in parameters:
            schema = parameter.get("schema", {})
            notes = _notes(parameter.get("description", ""), schema)
            lines.append(
                f"| `{parameter['name']}` | {parameter['in']} | {type_of(schema)} | "
                f"{'yes' if parameter.get('required') else 'no'} | {_cell(notes)} |"
            )
        lines.append("")
    lines += ["| status | meaning | body |", "|---|---|---|"]
    for status, raw in operation["responses"].items():
        response = _response(document, raw)
        bodies = [
            f"{media}: {type_of(body.get('schema', {}))}"
            for media, body in response.get("content", {}).items()
        ]
        lines.append(
            f"| {status} | {_cell(response['description'])} | {'<br>'.join(bodies)} |"
        )
    return [*lines, ""]


def _schema(name: str, schema: dict[str, Any]) -> list[str]:
    lines = [f"### {name}", ""]
    if schema.get("description"):
        lines += [_cell(schema["description"]), ""]
    properties = schema.get("properties")
    if not properties:
        return [*lines, f"Type: {type_of(schema)}", ""]
    required = set(schema.get("required", []))
    lines += ["| field | type | required | notes |", "|---|---|---|---|"]
    for field, spec in properties.items():
        notes = _notes(spec.get("description", ""), spec)
        lines.append(
            f"| `{field}` | {type_of(spec)} | {'yes' if field in required else 'no'} "
            f"| {_cell(notes)} |"
        )
    return [*lines, ""]


def render_markdown() -> str:
    """The whole of docs/api.md."""
    document = openapi_document()
    lines = [HEADER.format(description=document["info"]["description"].strip() + "\n")]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            lines += _operation(document, path, method, operation)
    lines += ["## Schemas", ""]
    for name, schema in document["components"]["schemas"].items():
        lines += _schema(name, schema)
    return "\n".join(lines).rstrip() + "\n"
