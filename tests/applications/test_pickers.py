"""The online applications picker ("Ajukan layanan online"): the catalogue's search and the
services grouped by agency, never a flat list of every service."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mpp.catalog.search.indexing import reindex_services
from tests.applications.factories import online_service
from tests.factories import AgencyFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(mall, service):
    polres = AgencyFactory(mall=mall, slug="polres", short_name="Polres", name="Polres Ngawi")
    online_service(mall=mall, agency=polres, slug="skck")
    skck = polres.services.get(slug="skck")
    skck.name, skck.name_en = "Surat Keterangan Catatan Kepolisian (SKCK)", "Police certificate"
    skck.save()
    online_service(mall=mall, agency=service.agency, slug="kartu-keluarga")
    kk = service.agency.services.get(slug="kartu-keluarga")
    kk.name = "Kartu Keluarga"
    kk.save()
    # Counter only: never offered online.
    ServiceFactory(mall=mall, agency=polres, slug="sim", name="SIM A baru")
    reindex_services(mall.services.values_list("pk", flat=True))
    return service


def _picker(client: Client, citizen, **params):
    client.force_login(citizen)
    response = client.get(reverse("applications:mine"), params)
    assert response.status_code == 200
    return response


def test_services_are_grouped_by_agency(client: Client, catalogue, citizen):
    response = _picker(client, citizen)
    groups = {
        a.short_name: [s.slug for s in services] for a, services in response.context["groups"]
    }
    assert groups == {
        "Dispendukcapil": ["akta-kelahiran", "kartu-keluarga"],
        "Polres": ["skck"],
    }
    html = response.content.decode()
    assert html.count('<details class="expander"') == 2
    assert 'data-testid="service-search"' in html
    assert "{#" not in html and "Context:" not in html
    assert reverse("applications:start", args=["skck"]) in html
    assert "sim" not in [s.slug for _, ss in response.context["groups"] for s in ss]


def test_search_narrows_the_list(client: Client, catalogue, citizen):
    response = _picker(client, citizen, q="skck")
    groups = response.context["groups"]
    assert [(a.short_name, [s.slug for s in ss]) for a, ss in groups] == [("Polres", ["skck"])]
    html = response.content.decode()
    assert reverse("applications:start", args=["akta-kelahiran"]) not in html
    assert '<details class="expander" open>' in html
    assert response.context["count"] == 1


def test_search_without_a_match_says_so(client: Client, catalogue, citizen):
    response = _picker(client, citizen, q="zzzqqq")
    assert response.context["groups"] == []
    assert response.context["count"] == 0
    assert 'class="notice"' in response.content.decode()
