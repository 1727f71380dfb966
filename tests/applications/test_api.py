"""The applications API: operationIds, a citizen's flow, tracking, the officer's inbox and
transitions, the error shape."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from mpp.accounts.tokens import issue_api_token
from mpp.applications.enums import ApplicationState
from mpp.applications.models import Application
from tests.applications.factories import (
    VALID_NIK,
    complete_answers,
    jpeg_bytes,
    login_verified,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db
S = ApplicationState
API = "/api/v1"
REQUIRED_OPERATIONS = {
    "submit_application",
    "get_application",
    "list_my_applications",
    "upload_document",
    "track_application",
    "list_agency_applications",
    "transition_application",
}


def test_operation_ids_are_exactly_the_published_ones(client: Client):
    schema = client.get(f"{API}/openapi.json").json()
    ops = {
        op["operationId"]
        for path in schema["paths"].values()
        for op in path.values()
        if "applications" in op.get("tags", [])
    }
    assert ops == REQUIRED_OPERATIONS | {"create_application"}


def _json(client, method, url, body=None):
    return getattr(client, method)(url, body, content_type="application/json")


def test_citizen_applies_through_the_api(client: Client, service, citizen):
    client.force_login(citizen)
    created = _json(
        client,
        "post",
        f"{API}/applications",
        {
            "service": service.slug,
            "answers": complete_answers(service),
            "contact_phone": "0812-3456-7890",
        },
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    public_id = body["id"]
    assert body["state"] == S.DRAFT
    nik_slot = next(s for s in body["slots"] if s["key"] == "f-nik_ibu")
    assert nik_slot["value"] == "3521••••••••0001"
    assert VALID_NIK not in created.content.decode()
    assert set(body["missing"]) == {
        f"doc-{service.requirements.get(position=1).pk}",
        f"doc-{service.requirements.get(position=2).pk}",
    }
    for position, name, content in ((1, "lahir.pdf", pdf_bytes()), (2, "kk.jpg", jpeg_bytes())):
        uploaded = client.post(
            f"{API}/applications/{public_id}/documents",
            {
                "requirement": service.requirements.get(position=position).pk,
                "file": SimpleUploadedFile(name, content),
            },
        )
        assert uploaded.status_code == 201, uploaded.json()
    submitted = _json(client, "post", f"{API}/applications/{public_id}/submit", {})
    assert submitted.status_code == 200, submitted.json()
    assert submitted.json()["state"] == S.SUBMITTED
    code = submitted.json()["tracking_code"]
    mine = client.get(f"{API}/me/applications").json()
    assert [(r["id"], r["tracking_code"]) for r in mine["results"]] == [(public_id, code)]
    one = client.get(f"{API}/applications/{public_id}").json()
    assert [e["to_state"] for e in one["events"]] == [S.SUBMITTED]


def test_refused_upload_answers_422_with_the_field(client: Client, draft, citizen):
    client.force_login(citizen)
    response = client.post(
        f"{API}/applications/{draft.public_id}/documents",
        {
            "requirement": draft.service.requirements.get(position=1).pk,
            "file": SimpleUploadedFile("x.pdf", b"<svg onload=alert(1)>"),
        },
    )
    assert response.status_code == 400
    body = response.json()
    assert body["errors"][0]["field"].startswith("doc-")
    assert draft.documents.count() == 0


def test_invalid_answers_answer_with_the_field(client: Client, service, citizen):
    client.force_login(citizen)
    response = _json(
        client,
        "post",
        f"{API}/applications",
        {"service": service.slug, "answers": {"f-nik_ibu": "1234"}},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "answers.f-nik_ibu"
    assert Application.objects.filter(answers__has_key="f-nik_ibu").count() == 0


def test_unknown_service_is_404(client: Client, citizen, mall):
    client.force_login(citizen)
    response = _json(client, "post", f"{API}/applications", {"service": "tidak-ada"})
    assert response.status_code == 404
    assert response.json()["detail"]


def test_public_tracking(client: Client, submitted):
    response = _json(
        client,
        "post",
        f"{API}/applications/track",
        {"code": submitted.tracking_code.lower(), "phone_last4": "7890"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == S.SUBMITTED
    assert [e["state"] for e in body["events"]] == [S.SUBMITTED]
    text = response.content.decode()
    assert "Bima" not in text and "3521" not in text and "0812" not in text


def test_tracking_is_rate_limited(client: Client, submitted):
    for _ in range(5):
        _json(
            client,
            "post",
            f"{API}/applications/track",
            {"code": submitted.tracking_code, "phone_last4": "0000"},
        )
    # Even the right digits are refused now: the code is locked for an hour.
    response = _json(
        client,
        "post",
        f"{API}/applications/track",
        {"code": submitted.tracking_code, "phone_last4": "7890"},
    )
    assert response.status_code == 429


def test_tracking_rejects_malformed_input(client: Client):
    response = _json(
        client, "post", f"{API}/applications/track", {"code": "X" * 200, "phone_last4": "abcd"}
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"code", "phone_last4"}


def test_officer_lists_and_moves_with_a_token(submitted, verifier):
    token = issue_api_token(user=verifier, name="test")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    listed = client.get(f"{API}/agency/applications").json()
    assert [r["tracking_code"] for r in listed["results"]] == [submitted.tracking_code]
    moved = _json(
        client,
        "post",
        f"{API}/applications/{submitted.public_id}/transitions",
        {"to": S.IN_VERIFICATION},
    )
    assert moved.status_code == 200
    assert moved.json()["state"] == S.IN_VERIFICATION
    illegal = _json(
        client, "post", f"{API}/applications/{submitted.public_id}/transitions", {"to": S.CLOSED}
    )
    assert illegal.status_code == 409
    assert illegal.json()["detail"]


def test_revision_with_reasons_per_requirement(submitted, verifier):
    client = login_verified(Client(), verifier)
    _json(
        client,
        "post",
        f"{API}/applications/{submitted.public_id}/transitions",
        {"to": S.IN_VERIFICATION},
    )
    requirement = submitted.service.requirements.get(position=1)
    response = _json(
        client,
        "post",
        f"{API}/applications/{submitted.public_id}/transitions",
        {
            "to": S.NEEDS_REVISION,
            "requirement_reasons": {str(requirement.pk): "Stempel bidan tidak terbaca"},
        },
    )
    assert response.status_code == 200
    slot = next(s for s in response.json()["slots"] if s["key"] == f"doc-{requirement.pk}")
    assert slot["revision"] == "Stempel bidan tidak terbaca"


def test_agency_list_query_count_does_not_grow(submitted, verifier, django_assert_max_num_queries):
    client = login_verified(Client(), verifier)
    with django_assert_max_num_queries(14):
        response = client.get(f"{API}/agency/applications")
    assert response.json()["count"] == 1


def test_citizen_cannot_list_agency_applications(client: Client, citizen):
    client.force_login(citizen)
    response = client.get(f"{API}/agency/applications")
    assert response.status_code == 401  # STAFF_AUTH, like every staff operation
