"""Property-based fuzzing of the public API from its own OpenAPI document (Schemathesis).

Every generated request — valid or hostile — must get an answer that matches the schema and
is never a server error. Operations that need staff credentials are covered by their own
tests; here only the public, read-only operations run.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from mpp.wsgi import application
from tests.factories import AgencyFactory, ProcedureStepFactory, RequirementFactory, ServiceFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
PUBLIC_READ_OPERATIONS = {"list_agencies", "get_agency", "search_services", "get_service"}
public_reads = schema.include(
    operation_id_regex="^(" + "|".join(sorted(PUBLIC_READ_OPERATIONS)) + ")$"
)


@pytest.fixture
def small_catalogue(mall):
    agency = AgencyFactory(mall=mall, slug="polres")
    service = ServiceFactory(agency=agency, slug="skck-baru", name="SKCK Baru")
    RequirementFactory(service=service)
    ProcedureStepFactory(service=service)
    return service


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@public_reads.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_public_api_never_fails_and_matches_its_schema(case, small_catalogue):
    response = case.call()
    case.validate_response(
        response,
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
    )
