"""Public catalogue pages through the real stack (URL routing, templates, database)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import (
    AgencyFactory,
    BoothFactory,
    ProcedureStepFactory,
    RequirementFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(mall):
    booth = BoothFactory(mall=mall, code="A1", label="Dispendukcapil")
    agency = AgencyFactory(
        mall=mall, slug="dispendukcapil", short_name="Dispendukcapil", booth=booth
    )
    service = ServiceFactory(
        agency=agency,
        slug="ktp-el-hilang",
        name="KTP-el Hilang",
        name_en="Lost e-ID card",
        fee_kind="fixed",
        fee_amount=30000,
    )
    RequirementFactory(service=service, text="Surat keterangan hilang dari kepolisian")
    RequirementFactory(service=service, text="Fotokopi KK", is_mandatory=False)
    ProcedureStepFactory(service=service, text="Ambil nomor antrean")
    ProcedureStepFactory(service=service, text="Serahkan berkas ke petugas")
    return agency, service


def test_home_lists_agencies_and_hours(client: Client, catalogue):
    response = client.get(reverse("catalog:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="id"' in html
    assert "Dispendukcapil" in html
    assert "Senin–Jumat" in html
    assert "08.00–15.00 WIB" in html


def test_service_page_shows_the_whole_standard(client: Client, catalogue):
    _agency, service = catalogue
    response = client.get(reverse("catalog:service-detail", args=[service.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rp30.000" in html
    assert "3 hari kerja" in html
    assert "Surat keterangan hilang dari kepolisian" in html
    assert "jika ada" in html  # the optional requirement is marked
    assert html.index("Ambil nomor antrean") < html.index("Serahkan berkas ke petugas")


def test_service_page_in_english_uses_english_content(client: Client, catalogue):
    _agency, service = catalogue
    client.cookies["mpp_language"] = "en"
    html = client.get(reverse("catalog:service-detail", args=[service.slug])).content.decode()
    assert 'lang="en"' in html
    assert "Lost e-ID card" in html
    assert "3 working days" in html


def test_unknown_service_is_a_friendly_404(client: Client, catalogue):
    response = client.get("/layanan/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_inactive_service_is_hidden(client: Client, catalogue):
    _agency, service = catalogue
    service.is_active = False
    service.save()
    assert client.get(reverse("catalog:service-detail", args=[service.slug])).status_code == 404


def test_search_page_without_query_shows_the_form(client: Client, catalogue):
    response = client.get(reverse("catalog:search"))
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_search_page_rejects_an_oversized_query_with_a_message(client: Client, catalogue):
    response = client.get(reverse("catalog:search"), {"q": "x" * 500})
    assert response.status_code == 200
    assert "Pencarian terlalu panjang" in response.content.decode()


def test_language_switch_sets_the_cookie_and_returns(client: Client, catalogue):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/cari/"})
    assert response.status_code == 302
    assert response["Location"] == "/cari/"
    assert response.cookies["mpp_language"].value == "en"


def test_home_query_count_is_constant(client: Client, catalogue, django_assert_max_num_queries):
    for n in range(5):
        AgencyFactory(mall=catalogue[0].mall, slug=f"extra-{n}")
    with django_assert_max_num_queries(6):
        client.get(reverse("catalog:home"))


def test_search_agency_filter_is_scoped_to_the_mall(client: Client, catalogue):
    from tests.factories import MallFactory

    other = MallFactory(slug="madiun")
    AgencyFactory(mall=other, slug="dispendukcapil")  # the same slug in another mall
    response = client.get(reverse("catalog:search"), {"q": "ktp", "agency": "dispendukcapil"})
    assert response.status_code == 200
    assert response.context["search_form"].cleaned_data["agency"] == catalogue[0]


def test_search_agency_filter_follows_the_mall_of_each_request(client: Client, catalogue):
    """The form's per-mall choice of agencies is built once per mall and process: a request
    for another mall right after still chooses among that mall's agencies."""
    from tests.factories import MallFactory

    other = MallFactory(slug="madiun")
    theirs = AgencyFactory(mall=other, slug="dispendukcapil")
    for path, expected in (("/cari/", catalogue[0]), ("/m/madiun/cari/", theirs)):
        response = client.get(path, {"q": "ktp", "agency": "dispendukcapil"})
        assert response.status_code == 200
        assert response.context["search_form"].cleaned_data["agency"] == expected
