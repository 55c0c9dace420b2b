"""Schemathesis against the OpenAPI document: its own generated requests for
every operation, on PostgreSQL; no 5xx, and every answer matches the document
(status, content type, headers, body). Example counts: the Hypothesis profile."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from portal.api.schema import openapi_document

from ..security.conftest import reset_limits

# Loaded from the document in the repository (what /api/schema/ serves),
# calling the Django application in-process: one test per operation.
schema = schemathesis.openapi.from_dict(openapi_document())
schema.app = get_wsgi_application()
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def in_process(api):
    """Django's handler closes the database connection when a request ends;
    the test client stops that, and so must a WSGI call inside a test's
    transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield api
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
def test_api_answers_match_the_document(case, in_process):
    reset_limits()
    # What the issue asks: no 5xx, and answers as documented. Left out are
    # Schemathesis's opinions on requests: query values are always strings, so
    # "true" or "{}" for a free-text filter is a valid search, not a schema
    # violation the API must refuse; and Django's CSRF middleware answers
    # methods the document does not list (QUERY, …) with 403, not 405.
    case.call_and_validate(checks=CHECKS)
