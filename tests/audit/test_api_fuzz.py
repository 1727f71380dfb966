"""Schemathesis on the audit trail's public operations (issue 10 "Done when": 0 server
errors): the verification result and the open-data feed of published checkpoints."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from mpp.audit.domain import publish_checkpoints, record_event
from mpp.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
audit_reads = schema.include(operation_id_regex="^(verify_audit_chain|list_audit_checkpoints)$")


@pytest.fixture
def published(mall):
    for n in range(3):
        record_event(action="test.changed", object_type="t", object_id=str(n), mall_id=mall.pk)
    publish_checkpoints()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@audit_reads.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_audit_api_never_fails_and_matches_its_schema(case, published):
    response = case.call()
    case.validate_response(
        response,
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
    )
