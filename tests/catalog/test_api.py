"""The catalogue API (/api/v1/) through real HTTP handling: routing, schemas, errors."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import (
    AgencyFactory,
    MallFactory,
    ProcedureStepFactory,
    RequirementFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(mall):
    dukcapil = AgencyFactory(mall=mall, slug="dispendukcapil", short_name="Dispendukcapil")
    polres = AgencyFactory(mall=mall, slug="polres", short_name="Polres", position=2)
    kk = ServiceFactory(agency=dukcapil, slug="kk-baru", name="Kartu Keluarga Baru")
    skck = ServiceFactory(
        agency=polres,
        slug="skck-baru",
        name="SKCK Baru",
        fee_kind="fixed",
        fee_amount=30000,
        turnaround_value=1,
        turnaround_unit="days",
    )
    RequirementFactory(service=skck, text="Surat pengantar desa", position=1)
    RequirementFactory(service=skck, text="Pas foto 4x6 latar merah", position=2, quantity=6)
    ProcedureStepFactory(service=skck, text="Daftar", position=1)
    ProcedureStepFactory(service=skck, text="Sidik jari", position=2)
    return kk, skck


def test_list_agencies_returns_each_with_its_service_count(client: Client, services):
    response = client.get("/api/v1/agencies")
    body = response.json()
    assert response.status_code == 200
    # Ordered by position: Polres (2) before Dispendukcapil (default 100).
    assert [(a["slug"], a["service_count"]) for a in body] == [
        ("polres", 1),
        ("dispendukcapil", 1),
    ]


def test_get_agency_unknown_slug_is_404_with_error_body(client: Client, services):
    response = client.get("/api/v1/agencies/tidak-ada")
    assert response.status_code == 404
    assert response.json() == {"detail": "Instansi tidak ditemukan.", "errors": []}


def test_get_agency_error_in_english_when_asked(client: Client, services):
    response = client.get("/api/v1/agencies/tidak-ada", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "Agency not found."


def test_get_service_returns_the_whole_standard(client: Client, services):
    response = client.get("/api/v1/services/skck-baru")
    body = response.json()
    assert response.status_code == 200
    assert body["fee"]["amount"] == 30000
    assert body["fee"]["display"] == "Rp30.000"
    assert body["turnaround"]["display"] == "1 hari"
    assert [r["text"] for r in body["requirements"]] == [
        "Surat pengantar desa",
        "Pas foto 4x6 latar merah",
    ]
    assert body["requirements"][1]["quantity"] == 6
    assert [s["text"] for s in body["steps"]] == ["Daftar", "Sidik jari"]
    assert body["agency"]["slug"] == "polres"
    assert body["provenance"] == {
        "confirmed_by_agency": False,
        "confirmed_at": None,
        "needs_confirmation": False,
        "last_verified": None,
    }


def test_get_service_never_publishes_the_staff_only_sources(client: Client, services):
    response = client.get("/api/v1/services/skck-baru")

    assert (response.status_code, "test data" in response.content.decode()) == (200, False)


def test_search_services_without_query_lists_all_paginated(client: Client, services):
    response = client.get("/api/v1/services", {"limit": 1})
    body = response.json()
    assert body["total"] == 2
    assert len(body["items"]) == 1


def test_search_services_filters_by_agency(client: Client, services):
    body = client.get("/api/v1/services", {"agency": "polres"}).json()
    assert [item["slug"] for item in body["items"]] == ["skck-baru"]


def test_search_services_unknown_agency_is_404(client: Client, services):
    response = client.get("/api/v1/services", {"agency": "nope"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 1000}, "limit"),
        ({"offset": -1}, "offset"),
        ({"limit": "banyak"}, "limit"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_search_services_rejects_bad_parameters_with_field_errors(
    client: Client, services, params, field
):
    response = client.get("/api/v1/services", params)
    body = response.json()
    assert response.status_code == 422
    assert body["detail"] == "Permintaan tidak valid."
    assert [e["field"] for e in body["errors"]] == [field]


def test_services_of_another_mall_are_invisible(client: Client, services):
    other = AgencyFactory(mall=MallFactory(slug="madiun"), slug="dispendukcapil")
    ServiceFactory(agency=other, slug="only-in-madiun")
    assert client.get("/api/v1/services/only-in-madiun").status_code == 404
    slugs = [i["slug"] for i in client.get("/api/v1/services").json()["items"]]
    assert "only-in-madiun" not in slugs


def test_openapi_document_names_the_operations(client: Client, db):
    spec = client.get("/api/v1/openapi.json").json()
    operation_ids = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert {"list_agencies", "get_agency", "search_services", "get_service"} <= operation_ids


def test_api_docs_page_uses_no_cdn(client: Client, db):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "cdn." not in html
    assert "unpkg" not in html


def test_list_agencies_query_count_is_constant(
    client: Client, services, django_assert_max_num_queries
):
    mall = services[0].mall
    for n in range(10):
        AgencyFactory(mall=mall, slug=f"extra-{n}")
    with django_assert_max_num_queries(3):
        client.get("/api/v1/agencies")


def test_search_services_query_count_is_constant(
    client: Client, services, django_assert_max_num_queries
):
    mall = services[0].mall
    agency = services[0].agency
    for n in range(10):
        ServiceFactory(agency=agency, mall=mall, slug=f"extra-{n}")
    with django_assert_max_num_queries(4):
        client.get("/api/v1/services")
