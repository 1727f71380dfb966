"""Schemathesis fuzzing of `public_stats`: whatever is sent, the answer matches the OpenAPI
document and is never a server error."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from mpp.transparency.domain import refresh_daily_stats
from mpp.wsgi import application
from tests.transparency.conftest import DAY

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
public_stats = schema.include(operation_id_regex="^public_stats$")


@pytest.fixture
def stats_data(mall, monday):
    refresh_daily_stats(mall=mall, day=DAY)
    return mall


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@public_stats.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_public_stats_never_fails_and_matches_its_schema(case, stats_data):
    response = case.call()
    case.validate_response(
        response,
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
    )
