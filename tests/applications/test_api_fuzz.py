"""Schemathesis against the public write of the applications API (tracking): whatever is
sent, the answer matches the schema and is never a server error."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from mpp.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
tracking = schema.include(operation_id_regex="^track_application$")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@tracking.parametrize()
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_tracking_never_fails(case, mall):
    from django.core.cache import cache

    cache.clear()  # the rate limit would otherwise answer 429 to most examples
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
