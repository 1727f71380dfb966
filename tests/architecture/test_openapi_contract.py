"""The OpenAPI document is true (issue 13, ADR 0023).

- Component names are unique: Ninja files every schema under its class name, so two classes
  of one name silently become one component (`book_visit` was documented with the room
  booking's body). The test walks every operation's request and response models.
- There is one error schema, `ErrorOut` of `mpp/core/schemas.py`; every documented refusal
  uses it, and every operation that needs a credential documents 401.
- A sample of operations answers what the document says, for successes and for errors
  (Schemathesis' response-schema and status-code checks on real requests).
"""

from __future__ import annotations

import typing
from collections import defaultdict

import pydantic
import pytest
import schemathesis
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from mpp.api import api
from mpp.core.schemas import ErrorOut
from mpp.wsgi import application
from tests.factories import AgencyFactory, ServiceFactory

#: Ninja's per-operation parameter wrappers: generated, never components of their own.
NINJA_WRAPPERS = {"NinjaResponseSchema", "PathParams", "QueryParams", "BodyParams", "HeaderParams"}
NINJA_WRAPPERS |= {"FormParams", "FileParams", "CookieParams"}


def _models(annotation: object, found: set[type[pydantic.BaseModel]]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        if annotation in found:
            return
        found.add(annotation)
        for field in annotation.model_fields.values():
            _models(field.annotation, found)
        return
    for argument in typing.get_args(annotation):
        _models(argument, found)


def _operations():
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            yield from path_view.operations


def _schema_classes() -> dict[str, set[type[pydantic.BaseModel]]]:
    by_name: dict[str, set[type[pydantic.BaseModel]]] = defaultdict(set)
    for operation in _operations():
        found: set[type[pydantic.BaseModel]] = set()
        for model in operation.models:
            _models(model, found)
        for model in (operation.response_models or {}).values():
            _models(model, found)
        for model in found:
            if model.__name__ not in NINJA_WRAPPERS:
                by_name[model.__name__].add(model)
    return by_name


def test_every_component_name_names_one_schema():
    duplicated = {
        name: sorted(f"{cls.__module__}.{cls.__qualname__}" for cls in classes)
        for name, classes in _schema_classes().items()
        if len(classes) > 1
    }
    assert not duplicated, (
        f"rename one of each (Ninja merges them into one component): {duplicated}"
    )


def test_the_walk_sees_the_operations():
    names = _schema_classes()
    assert {"ErrorOut", "BookIn", "RoomBookIn", "TrackIn", "ApplicationTrackIn"} <= names.keys()


def test_one_error_schema():
    errors = {name for name in _schema_classes() if name.lower().startswith("error")}
    assert errors <= {"ErrorOut", "ErrorItem"}
    assert _schema_classes()["ErrorOut"] == {ErrorOut}


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
CHECKS = [status_code_conformance, response_schema_conformance]


@pytest.fixture
def catalogue(mall):
    agency = AgencyFactory(mall=mall, slug="polres")
    ServiceFactory(agency=agency, slug="skck-baru", name="SKCK Baru")
    return agency


@pytest.mark.django_db(transaction=True)  # the WSGI call closes the connection at its end
@pytest.mark.parametrize(
    ("method", "path", "parameters", "status"),
    [
        ("GET", "/api/v1/agencies", {}, 200),
        ("GET", "/api/v1/agencies/{slug}", {"slug": "polres"}, 200),
        ("GET", "/api/v1/agencies/{slug}", {"slug": "tidak-ada"}, 404),
        ("GET", "/api/v1/services/{slug}", {"slug": "skck-baru"}, 200),
        ("GET", "/api/v1/services/{slug}", {"slug": "tidak-ada"}, 404),
        ("GET", "/api/v1/queue/bookings/{code}", {"code": "ZZZZZZZZ"}, 404),
        ("GET", "/api/v1/malls", {}, 200),
    ],
)
def test_sampled_answers_match_the_document(catalogue, method, path, parameters, status):
    operation = schema[path][method]
    case = operation.Case(path_parameters=parameters)
    response = case.call()
    assert response.status_code == status, response.text
    case.validate_response(response, checks=CHECKS)
    if status >= 400:
        body = response.json()
        assert set(body) == {"detail", "errors"} and body["detail"]


def test_every_refusal_is_documented_in_the_error_shape():
    """Each operation documents its refusals with `ErrorOut`, and one that needs a credential
    documents 401 (what the API answers without one; the fuzzing in tests/api relies on it)."""
    document = api.get_openapi_schema()
    wrong: dict[str, list[str]] = {}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            problems = []
            for status, answer in operation["responses"].items():
                if int(status) >= 400:
                    reference = answer["content"]["application/json"]["schema"].get("$ref", "")
                    if not reference.endswith("/ErrorOut"):
                        problems.append(f"{status} is {reference or 'inline'}")
            statuses = {str(status) for status in operation["responses"]}
            if operation.get("security") and "401" not in statuses:
                problems.append("needs a credential but does not document 401")
            if problems:
                wrong[f"{method.upper()} {path}"] = problems
    assert wrong == {}
