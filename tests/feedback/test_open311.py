"""Open311 GeoReport v2: formats, jurisdiction, services, requests GET/POST, errors."""

# ruff: noqa: E501, S314 — parameter tables read best one case per line; the XML parsed is our own response

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest

from mpp.accounts.tokens import issue_api_token
from mpp.feedback import domain
from mpp.feedback.models import Complaint
from tests.feedback.conftest import make_staff

pytestmark = pytest.mark.django_db

BASE = "/open311/v2"


@pytest.fixture
def api_key(mall):
    partner = make_staff("lapor-bridge", mall, "auditor")
    return issue_api_token(user=partner, name="SP4N-LAPOR! bridge")


def _post(client, fmt="json", **data):
    return client.post(f"{BASE}/requests.{fmt}", data)  # form-encoded, as the spec says


def test_services_json_lists_agencies_services_officers_and_facilities(client, ktp, skck):
    response = client.get(f"{BASE}/services.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    services = response.json()
    assert [s["service_code"] for s in services] == [
        "instansi-dispendukcapil",
        "petugas-dispendukcapil",
        "layanan-ktp-el",
        "instansi-polres",
        "petugas-polres",
        "layanan-skck",
        "fasilitas",
    ]
    ktp_entry = services[2]
    assert ktp_entry == {
        "service_code": "layanan-ktp-el",
        "service_name": "KTP Elektronik",
        "description": ktp_entry["description"],
        "metadata": False,
        "type": "realtime",
        "keywords": "",
        "group": "Dukcapil",
    }


def test_services_xml_has_the_same_content(client, ktp):
    response = client.get(f"{BASE}/services.xml")
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "services"
    first = root.find("service")
    assert (first.findtext("service_code"), first.findtext("metadata"), first.findtext("type")) == (
        "instansi-dispendukcapil",
        "false",
        "realtime",
    )


def test_unknown_format_and_jurisdiction_are_404(client, ktp):
    assert client.get(f"{BASE}/services.csv").status_code == 404
    wrong = client.get(f"{BASE}/services.json?jurisdiction_id=surabaya.go.id")
    assert wrong.status_code == 404
    assert wrong.json() == [{"code": 404, "description": wrong.json()[0]["description"]}]
    assert client.get(f"{BASE}/services.json?jurisdiction_id=ngawikab.go.id").status_code == 200
    assert client.get(f"{BASE}/services.json?jurisdiction_id=").status_code == 200


def test_service_definition_and_unknown_service_code(client, ktp):
    assert client.get(f"{BASE}/services/layanan-ktp-el.json").json() == {
        "service_code": "layanan-ktp-el",
        "attributes": [],
    }
    missing = client.get(f"{BASE}/services/layanan-tidak-ada.xml")
    assert missing.status_code == 404
    assert ET.fromstring(missing.content).find("error/code").text == "404"


def test_post_request_creates_a_complaint_and_answers_an_array(client, ktp, api_key):
    response = _post(
        client,
        api_key=api_key,
        service_code="layanan-ktp-el",
        address_string="Loket 3, MPP Ngawi",
        description="Antrean KTP macet sejak pagi.\nMohon ditambah petugas.",
        first_name="Siti",
        last_name="Aminah",
        email="siti@contoh.id",
        media_url="http://169.254.169.254/latest/",
    )
    assert response.status_code == 200
    body = response.json()
    complaint = Complaint.objects.get()
    shown = client.get(f"{BASE}/requests/{complaint.code}.json")
    assert shown.json()[0]["address"] == "Loket 3, MPP Ngawi"  # address_string echoed
    assert body == [
        {
            "service_request_id": complaint.code,
            "service_notice": body[0]["service_notice"],
            "account_id": None,
        }
    ]
    assert (complaint.channel, complaint.subject, complaint.service, complaint.title) == (
        "open311",
        "service",
        ktp,
        "Antrean KTP macet sejak pagi.",
    )
    assert (complaint.reporter_name, complaint.location) == ("Siti Aminah", "Loket 3, MPP Ngawi")


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"service_code": "layanan-ktp-el", "address_string": "MPP", "description": "x" * 20}, 403),
        ({"api_key": "mpp_wrong", "service_code": "layanan-ktp-el", "address_string": "MPP"}, 403),
        ({"api_key": "KEY", "address_string": "MPP", "description": "Isi laporan panjang"}, 400),
        ({"api_key": "KEY", "service_code": "tidak-ada", "address_string": "MPP"}, 404),
        ({"api_key": "KEY", "service_code": "layanan-ktp-el", "description": "Tanpa lokasi"}, 400),
        ({"api_key": "KEY", "service_code": "layanan-ktp-el", "lat": "-7.4", "description": "x" * 12}, 400),
        ({"api_key": "KEY", "service_code": "layanan-ktp-el", "lat": "99", "long": "1", "description": "x" * 12}, 400),
        ({"api_key": "KEY", "service_code": "layanan-ktp-el", "address_id": "nowhere", "description": "x" * 12}, 404),
        ({"api_key": "KEY", "service_code": "layanan-ktp-el", "address_string": "MPP", "description": "<b>hi</b> there"}, 400),
        ({"api_key": "KEY", "service_code": "layanan-ktp-el", "address_string": "MPP", "description": "x" * 4001}, 400),
        ({"api_key": "KEY", "service_code": "layanan-ktp-el", "address_string": "MPP", "jurisdiction_id": "x.go.id", "description": "x" * 12}, 404),
    ],
)  # fmt: skip
def test_post_request_errors_follow_the_spec(client, ktp, api_key, data, status):
    if data.get("api_key") == "KEY":
        data = {**data, "api_key": api_key}
    response = _post(client, **data)
    assert response.status_code == status
    errors = response.json()
    assert isinstance(errors, list) and errors[0]["code"] == status and errors[0]["description"]
    assert Complaint.objects.count() == 0


def test_post_request_accepts_the_mall_as_address_id_and_a_point(client, mall, ktp, api_key):
    assert _post(
        client, api_key=api_key, service_code="fasilitas", address_id="ngawi",
        description="Toilet lantai dua rusak.",
    ).status_code == 200  # fmt: skip
    assert _post(
        client, api_key=api_key, service_code="instansi-dispendukcapil", lat="-7.404", long="111.446",
        description="Ruang tunggu panas sekali.",
    ).status_code == 200  # fmt: skip
    facility, agency = Complaint.objects.order_by("received_at")
    assert (facility.subject, facility.agency, facility.is_anonymous) == ("facility", None, True)
    assert (str(agency.latitude), agency.agency) == ("-7.404000", ktp.agency)


def test_post_request_xml_answers_xml(client, ktp, api_key):
    response = _post(
        client, "xml", api_key=api_key, service_code="layanan-ktp-el", address_string="MPP",
        description="Antrean KTP macet sejak pagi.",
    )  # fmt: skip
    root = ET.fromstring(response.content)
    assert root.tag == "service_requests"
    assert root.find("request/service_request_id").text == Complaint.objects.get().code


@pytest.fixture
def published_and_private(mall, ktp, manager):
    public = domain.file_complaint(
        mall=mall, subject="service", service=ktp, title="Antrean lama",
        description="Siti menunggu tiga jam di loket.", reporter_name="Siti",
        reporter_email="siti@contoh.id",
    ).complaint  # fmt: skip
    domain.disposition_complaint(complaint=public, actor=manager, agency=ktp.agency)
    domain.answer_complaint(complaint=public, actor=manager, answer="Petugas ditambah, Bu Siti.")
    domain.publish_complaint(
        complaint=public, actor=manager, summary="Warga mengeluhkan antrean KTP yang lama.",
        answer="Petugas loket KTP ditambah satu orang.",
    )  # fmt: skip
    domain.respond_to_answer(complaint=public, verdict="satisfied")
    private = domain.file_complaint(
        mall=mall, subject="facility", facility="Toilet", title="Toilet kotor",
        description="Toilet lantai satu kotor, kata Budi 081233334444.", is_anonymous=True,
    ).complaint  # fmt: skip
    return public, private


def test_get_requests_is_public_and_de_identified(client, published_and_private):
    public, private = published_and_private
    response = client.get(f"{BASE}/requests.json")
    body = response.json()
    by_id = {r["service_request_id"]: r for r in body}
    assert set(by_id) == {public.code, private.code}
    shown = by_id[public.code]
    assert (shown["status"], shown["description"], shown["status_notes"]) == (
        "closed",
        "Warga mengeluhkan antrean KTP yang lama.",
        "Petugas loket KTP ditambah satu orang.",
    )
    assert (shown["service_code"], shown["media_url"]) == ("layanan-ktp-el", "")
    assert shown["requested_datetime"].endswith("+07:00")
    hidden = by_id[private.code]
    assert (hidden["status"], hidden["description"], hidden["service_code"]) == (
        "open",
        "",
        "fasilitas",
    )
    assert hidden["expected_datetime"].endswith("T23:59:59+07:00")
    text = response.content.decode()
    for personal in ("Siti", "siti@contoh.id", "Budi", "081233334444", "Toilet kotor"):
        assert personal not in text


def test_get_requests_filters(client, published_and_private):
    public, private = published_and_private
    only_open = client.get(f"{BASE}/requests.json?status=open").json()
    assert [r["service_request_id"] for r in only_open] == [private.code]
    by_code = client.get(f"{BASE}/requests.json?service_code=layanan-ktp-el").json()
    assert [r["service_request_id"] for r in by_code] == [public.code]
    # service_request_id overrides every other filter.
    both = client.get(
        f"{BASE}/requests.json?service_request_id={public.code},{private.code}&status=open"
    ).json()
    assert {r["service_request_id"] for r in both} == {public.code, private.code}
    old = client.get(f"{BASE}/requests.json?start_date=2020-01-01&end_date=2020-02-01").json()
    assert old == []


@pytest.mark.parametrize(
    "query",
    [
        "start_date=2026-01-01&end_date=2026-06-01",  # more than 90 days
        "start_date=yesterday",
        "start_date=2026-03-01&end_date=2026-02-01",
        "status=pending",
    ],
)
def test_get_requests_bad_parameters_are_400(client, published_and_private, query):
    response = client.get(f"{BASE}/requests.json?{query}")
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400


def test_get_one_request_and_unknown_ones(client, published_and_private):
    public, _private = published_and_private
    one = client.get(f"{BASE}/requests/{public.code}.json").json()
    assert [r["service_request_id"] for r in one] == [public.code]
    xml = ET.fromstring(client.get(f"{BASE}/requests/{public.code}.xml").content)
    assert xml.find("request/status").text == "closed"
    assert client.get(f"{BASE}/requests/ZZZZZZZZZZ.json").status_code == 404
    assert client.get(f"{BASE}/tokens/abc.json").status_code == 404


def test_discovery_names_the_spec_and_formats(client, mall):
    body = client.get(f"{BASE}/discovery.json").json()
    endpoint = body["endpoints"][0]
    assert (endpoint["specification"], endpoint["type"], endpoint["formats"]) == (
        "http://wiki.open311.org/GeoReport_v2",
        "production",
        ["text/xml", "application/json"],
    )
    assert endpoint["url"].endswith("/open311/v2/")


def test_json_body_is_told_to_use_form_fields(client, ktp, api_key):
    response = client.post(
        f"{BASE}/requests.json",
        data=json.dumps({"api_key": api_key, "service_code": "layanan-ktp-el"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "JSON" in response.content.decode()
    assert not Complaint.objects.exists()
