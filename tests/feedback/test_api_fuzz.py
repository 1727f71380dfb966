"""Schemathesis fuzzing of the public feedback operations: whatever is sent, the answer
matches the OpenAPI document and is never a server error."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from mpp.feedback import domain
from mpp.wsgi import application
from tests.factories import AgencyFactory, ServiceFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
PUBLIC_FEEDBACK_OPERATIONS = {
    "submit_survey",
    "survey_report",
    "submit_complaint",
    "track_complaint",
    "respond_complaint",
}
public_feedback = schema.include(
    operation_id_regex="^(" + "|".join(sorted(PUBLIC_FEEDBACK_OPERATIONS)) + ")$"
)


@pytest.fixture
def feedback_data(mall):
    service = ServiceFactory(agency=AgencyFactory(mall=mall, slug="polres"), slug="skck")
    domain.create_survey_invitation(service=service, reference="F1")
    return service


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@public_feedback.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_public_feedback_api_never_fails_and_matches_its_schema(case, feedback_data):
    response = case.call()
    case.validate_response(
        response,
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
    )
