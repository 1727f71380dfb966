"""The search page (`/cari/`) through the real stack: what it shows, how many statements it
costs, and that kept results (mpp/catalog/search_page.py) never hide a catalogue change."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mpp.catalog import search_page
from mpp.catalog.search import engine
from mpp.catalog.search.indexing import reindex_services
from tests.factories import AgencyFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _nothing_kept():
    engine.clear_search_cache()
    search_page.clear_fragments()
    yield
    engine.clear_search_cache()
    search_page.clear_fragments()


@pytest.fixture
def ktp_services(mall):
    agency = AgencyFactory(mall=mall, slug="dispendukcapil", short_name="Dispendukcapil")
    lost = ServiceFactory(
        agency=agency,
        slug="ktp-el-hilang",
        name="KTP-el Hilang",
        name_en="Lost e-ID card",
        fee_kind="fixed",
        fee_amount=30000,
    )
    new = ServiceFactory(agency=agency, slug="ktp-el-baru", name="KTP-el Baru", fee_kind="free")
    reindex_services([lost.pk, new.pk])
    return lost, new


def search(client: Client, query: str, **params: object) -> str:
    response = client.get(reverse("catalog:search"), {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_search_page_statement_count_is_pinned(
    client: Client, ktp_services, django_assert_num_queries
):
    # Cold: the mall (kept afterwards), the candidates, the page of services with agencies.
    with django_assert_num_queries(3):
        search(client, "ktp")
    # The same question again: mall, search and the rendered results are all kept.
    with django_assert_num_queries(0):
        html = search(client, "ktp")
    assert "2 layanan ditemukan untuk “ktp”" in html
    # Another question: only the search itself (the mall is kept).
    with django_assert_num_queries(2):
        search(client, "ktp hilang")
    # No query at all and a query without hits cost nothing once the mall is kept.
    with django_assert_num_queries(0):
        client.get(reverse("catalog:search"))


def test_search_page_cards_show_link_agency_fee_time_and_channel(client: Client, ktp_services):
    html = search(client, "ktp hilang")
    start = html.index('<li class="card service-card">')
    card = html[start : html.index("</li>\n", html.index("</ul>", start)) + 5]
    assert '<a href="/layanan/ktp-el-hilang/">KTP-el Hilang</a>' in card
    assert '<p class="card__meta">Dispendukcapil</p>' in card
    assert "Belum dikonfirmasi instansi" in card
    assert "<strong>Rp30.000</strong>" in card
    assert "<strong>3 hari kerja</strong>" in card


def test_search_page_in_english_is_kept_apart_from_indonesian(client: Client, ktp_services):
    assert "KTP-el Hilang</a>" in search(client, "ktp hilang")
    client.cookies["mpp_language"] = "en"
    html = search(client, "ktp hilang")
    assert "Lost e-ID card</a>" in html
    assert "service found for “ktp hilang”" in html
    assert "<strong>3 working days</strong>" in html
    client.cookies["mpp_language"] = "id"
    assert "KTP-el Hilang</a>" in search(client, "ktp hilang")


def test_search_page_shows_a_catalogue_edit_at_once(client: Client, ktp_services):
    lost, _new = ktp_services
    assert "Rp30.000" in search(client, "ktp hilang")
    lost.fee_amount = 50000
    lost.save()
    html = search(client, "ktp hilang")
    assert "Rp50.000" in html
    assert "Rp30.000" not in html


def test_search_page_under_a_mall_prefix_links_inside_that_mall(client: Client, ktp_services):
    assert 'href="/layanan/ktp-el-hilang/"' in search(client, "ktp")
    response = client.get("/m/ngawi/cari/", {"q": "ktp"})
    html = response.content.decode()
    assert 'href="/m/ngawi/layanan/ktp-el-hilang/"' in html
    assert 'href="/layanan/ktp-el-hilang/"' not in html


def test_search_page_pages_through_many_results(client: Client, mall, settings):
    settings.MPP_SEARCH_PAGE_SIZE = 2
    agency = AgencyFactory(mall=mall)
    services = [
        ServiceFactory(agency=agency, slug=f"izin-reklame-{n}", name=f"Izin Reklame {n}")
        for n in range(5)
    ]
    reindex_services([s.pk for s in services])
    first = search(client, "reklame")
    third = search(client, "reklame", page=3)
    assert "Halaman 1 dari 3" in first
    assert "Halaman 3 dari 3" in third
    assert first.count('class="card service-card"') == 2
    assert third.count('class="card service-card"') == 1
    assert 'rel="prev" href="?q=reklame&amp;page=2"' in third


def test_search_page_without_hits_suggests_browsing(client: Client, ktp_services):
    html = search(client, "zzqqxx")
    assert "0 layanan ditemukan untuk “zzqqxx”" in html
    assert 'href="/instansi/"' in html
    assert "service-card" not in html


def test_agency_page_lists_its_services_as_cards_without_the_agency(
    client: Client, ktp_services, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("catalog:agency-detail", args=["dispendukcapil"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="card service-card"') == 2
    assert '<a href="/layanan/ktp-el-hilang/">KTP-el Hilang</a>' in html
    assert '<p class="card__meta">Dispendukcapil</p>' not in html


def test_search_page_is_compressed_for_browsers_that_accept_it(client: Client, ktp_services):
    plain = client.get(reverse("catalog:search"), {"q": "ktp"})
    packed = client.get(reverse("catalog:search"), {"q": "ktp"}, HTTP_ACCEPT_ENCODING="gzip")
    assert plain.get("Content-Encoding") is None
    assert packed["Content-Encoding"] == "gzip"
    assert len(packed.content) < len(plain.content) / 2


def test_kept_url_reversals_follow_the_mall_prefix_and_language(client: Client, ktp_services):
    # The menu's links are kept per script prefix: a /m/<slug>/ page after a plain one (and
    # the other way round) must still link inside its own site.
    home_link = 'href="/m/ngawi/instansi/"'
    assert home_link not in search(client, "ktp")
    assert home_link in client.get("/m/ngawi/cari/", {"q": "ktp"}).content.decode()
    assert home_link not in search(client, "ktp")
