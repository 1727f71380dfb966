"""Open311 GeoReport v2 conformance against the spec's own examples (issue 12.5): the POST
example of http://wiki.open311.org/GeoReport_v2 (with our jurisdiction and a service code of
this mall), its response and error shapes, the fields of a GET response, `media_url` kept and a
photo uploaded as `media`, `address_string` echoed, the mall's point by default, and errors
that say what is wrong."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mpp.accounts.tokens import issue_api_token
from mpp.feedback import domain
from mpp.feedback.models import Complaint
from mpp.feedback.uploads import photo_stream
from tests.feedback.conftest import make_staff
from tests.feedback.images import png

pytestmark = pytest.mark.django_db

BASE = "/open311/v2"

#: The spec's "POST Service Request" example, field for field; only jurisdiction_id and
#: service_code are this mall's, and the phone an Indonesian number (the example's 111111111
#: is not a phone number here; see test_the_spec_phone_is_refused_with_a_reason).
SPEC_POST = {
    "service_code": "layanan-ktp-el",
    "lat": "37.76524078",
    "long": "-122.4212043",
    "address_string": "1234 5th street",
    "email": "smit333@sfgov.edu",
    "device_id": "tt222111",
    "account_id": "123456",
    "first_name": "john",
    "last_name": "smith",
    "phone": "081234567890",
    "description": "A large sinkhole is destroying the street",
    "media_url": "http://www.city.gov/media/1234.jpg",
}

#: The fields of the spec's "GET Service Requests" response example.
SPEC_REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def api_key(mall):
    partner = make_staff("lapor-bridge", mall, "auditor")
    return issue_api_token(user=partner, name="SP4N-LAPOR! bridge")


def _publish(complaint, manager):
    complaint = domain.disposition_complaint(
        complaint=complaint, actor=manager, agency=complaint.agency
    )
    complaint = domain.answer_complaint(
        complaint=complaint, actor=manager, answer="Lubang sudah ditutup."
    )
    return domain.publish_complaint(
        complaint=complaint,
        actor=manager,
        summary="Warga melaporkan lubang besar di jalan.",
        answer="Lubang sudah ditutup oleh petugas.",
    )


def test_the_spec_post_example_is_accepted_and_answered_as_in_the_spec(
    client, ktp, api_key, manager
):
    response = client.post(f"{BASE}/requests.json", {**SPEC_POST, "api_key": api_key})
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert response.json() == [
        {
            "service_request_id": complaint.code,
            "service_notice": response.json()[0]["service_notice"],
            "account_id": None,
        }
    ]
    assert complaint.media_url == SPEC_POST["media_url"]  # kept, never fetched
    assert (str(complaint.latitude), str(complaint.longitude)) == ("37.765241", "-122.421204")
    assert complaint.reporter_name == "john smith"

    shown = client.get(f"{BASE}/requests/{complaint.code}.json").json()[0]
    assert set(shown) == SPEC_REQUEST_FIELDS
    assert shown["address"] == "1234 5th street"  # address_string echoed
    assert shown["media_url"] == ""  # not public before the moderated publication
    _publish(complaint, manager)
    shown = client.get(f"{BASE}/requests/{complaint.code}.json").json()[0]
    assert shown["media_url"] == SPEC_POST["media_url"]
    assert "smit333" not in json.dumps(shown) and "john" not in json.dumps(shown)


def test_without_a_point_the_request_reports_the_malls_coordinates(client, mall, ktp, api_key):
    mall.latitude, mall.longitude = -7.4038, 111.4461
    mall.save()
    client.post(
        f"{BASE}/requests.json",
        {
            "api_key": api_key,
            "service_code": "layanan-ktp-el",
            "address_string": "Loket 3",
            "description": "Antrean KTP macet sejak pagi.",
        },
    )
    shown = client.get(f"{BASE}/requests.json").json()[0]
    assert (shown["lat"], shown["long"], shown["address"]) == (-7.4038, 111.4461, "Loket 3")


def test_a_photo_can_be_uploaded_as_media(client, ktp, api_key):
    response = client.post(
        f"{BASE}/requests.json",
        {
            "api_key": api_key,
            "service_code": "layanan-ktp-el",
            "address_string": "Loket 3",
            "description": "Kursi ruang tunggu patah.",
            "media": SimpleUploadedFile("foto.png", png(), "image/png"),
        },
    )
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert complaint.photo_type == "image/png"
    assert photo_stream(complaint).read().startswith(b"\x89PNG")
    shown = client.get(f"{BASE}/requests.json").json()[0]
    assert shown["media_url"] == ""  # the uploaded photo is private


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        ({"media_url": "javascript:alert(1)"}, "media_url"),
        ({"media_url": "ftp://example.org/a.jpg"}, "media_url"),
        ({"media_url": "http://example.org/" + "a" * 600}, "media_url"),
        ({"media": SimpleUploadedFile("a.png", b"not an image", "image/png")}, "media"),
        ({"phone": "111111111"}, "phone"),
        ({"lat": "37.7"}, "lat"),
        ({"service_code": ""}, "service_code"),
    ],
)
def test_errors_say_what_is_wrong(client, ktp, api_key, extra, says):
    data = {**SPEC_POST, "api_key": api_key, **extra}
    if extra.get("lat"):
        del data["long"]
    response = client.post(f"{BASE}/requests.json", data)
    assert response.status_code == 400
    body = response.json()
    assert body[0]["code"] == 400 and says in body[0]["description"]
    assert not Complaint.objects.exists()


def test_the_spec_error_shape_for_a_bad_api_key(client, ktp):
    response = client.post(f"{BASE}/requests.json", {**SPEC_POST, "api_key": "xyz"})
    assert response.status_code == 403
    assert response.json() == [{"code": 403, "description": response.json()[0]["description"]}]
    assert "api_key" in response.json()[0]["description"]


def test_a_json_body_is_told_to_send_form_fields(client, ktp, api_key):
    response = client.post(
        f"{BASE}/requests.json",
        data=json.dumps({**SPEC_POST, "api_key": api_key}),
        content_type="application/json",
    )
    assert response.status_code == 400
    description = response.json()[0]["description"]
    assert "JSON" in description and "api_key" not in description
