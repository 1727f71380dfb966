"""A NUL character in any text input answers 400 with a clear message and changes nothing.

PostgreSQL cannot hold U+0000 in text, so before the middleware these were 500s there (and
the same suite runs on both databases: `DATABASE_URL` selects PostgreSQL).
"""

from __future__ import annotations

import json

import pytest

from mpp.feedback.models import Complaint
from tests.factories import AgencyFactory, ServiceFactory

pytestmark = pytest.mark.django_db

NUL_MESSAGE_ID = "karakter NUL"


@pytest.fixture
def service(mall):
    agency = AgencyFactory(mall=mall, slug="dukcapil", name="Dukcapil", short_name="Dukcapil")
    return ServiceFactory(agency=agency, slug="ktp-el", name="KTP Elektronik")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/feedback/surveys/report?service=%00abc",
        "/api/v1/feedback/surveys/report?agency=a%00",
        "/api/v1/services?q=%00",
        "/api/v1/services/ktp%00el",
        "/api/v1/feedback/surveys/report?%00=1",
    ],
)
def test_api_query_and_path_with_nul_is_400(client, service, url):
    response = client.get(url)

    assert response.status_code == 400, response.content
    body = response.json()
    assert NUL_MESSAGE_ID in body["detail"]


def test_api_answers_in_english_when_asked(client, service):
    response = client.get(
        "/api/v1/feedback/surveys/report?service=%00abc", headers={"accept-language": "en"}
    )

    assert response.status_code == 400
    assert "NUL character" in response.json()["detail"]
    assert response.json()["errors"] == [{"field": "service", "message": response.json()["detail"]}]


@pytest.mark.parametrize(
    "body",
    [
        '{"subject": "service", "service": "ktp-el", "title": "A\\u0000B", "description": "x"}',
        '{"subject": "service", "service": "ktp-el", "title": "AB", "description": "x\\u0000"}',
        '{"subject\\u0000": "service", "title": "AB", "description": "x"}',
        '{"subject": "service", "title": "A\x00B", "description": "x"}',
    ],
)
def test_api_json_body_with_nul_is_400_and_files_nothing(client, service, body):
    response = client.post("/api/v1/feedback/complaints", body, content_type="application/json")

    assert response.status_code == 400, response.content
    assert NUL_MESSAGE_ID in response.json()["detail"]
    assert Complaint.objects.count() == 0


def test_escaped_backslash_is_not_a_nul(client, service):
    # "\\u0000" in JSON is a backslash followed by "u0000": ordinary text, not refused.
    body = json.dumps({"subject": "service", "service": "ktp-el", "title": "A\\u0000B"})

    response = client.post("/api/v1/feedback/complaints", body, content_type="application/json")

    assert response.status_code != 400 or NUL_MESSAGE_ID not in response.json()["detail"]
    assert response.status_code < 500


def test_page_query_with_nul_is_400_page(client, service):
    response = client.get("/cari/?q=ktp%00")

    assert response.status_code == 400
    assert NUL_MESSAGE_ID in response.content.decode()


def test_page_form_with_nul_is_400_and_files_nothing(client, service):
    response = client.post(
        "/pengaduan/baru/",
        {
            "kind": "pengaduan",
            "subject": "service",
            "service": service.pk,
            "title": "Antrean\x00",
            "description": "Saya menunggu tiga jam tanpa kepastian di loket KTP.",
            "anonymous": "on",
        },
    )

    assert response.status_code == 400
    assert NUL_MESSAGE_ID in response.content.decode()
    assert Complaint.objects.count() == 0


def test_header_with_nul_is_400(client, service):
    response = client.get("/api/v1/services", headers={"idempotency-key": "a\x00b"})

    assert response.status_code == 400


def test_cookie_with_nul_is_dropped_not_a_500(client, service):
    client.cookies["sessionid"] = "abcdefgh\x00ijk"

    response = client.get("/cari/?q=ktp")

    assert response.status_code == 200


def test_ordinary_requests_pass(client, service):
    assert client.get("/api/v1/feedback/surveys/report?service=ktp-el").status_code == 200
    assert client.get("/cari/?q=ktp").status_code == 200
