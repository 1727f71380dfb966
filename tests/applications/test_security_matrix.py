"""The security matrix: for every page and API operation that shows or changes an
application or a document, another citizen, an officer of another agency and an anonymous
visitor get 403/404 and learn nothing — their answer is the same as for an application that
does not exist — and nothing changes.

Also: a draft is invisible even to its agency's staff; auditors see a case but never its
documents and change nothing; staff without their second factor see nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from mpp.applications.enums import ApplicationState
from mpp.applications.models import Application
from tests.applications.factories import jpeg_bytes, login_verified
from tests.html import without_csrf

pytestmark = pytest.mark.django_db
S = ApplicationState
API = "/api/v1"


def _doc_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("kk.jpg", jpeg_bytes())


def _requirement(app: Application) -> int:
    return app.service.requirements.get(position=2).pk


# Each operation: (name, method, url(app_public_id, doc_public_id), body(app) or None, kind)
# kind "html" or "api"; body for api POSTs is JSON unless it contains a file.
OPERATIONS: list[tuple[str, str, Callable[[Any, Any], str], Callable[[Any], Any] | None, str]] = [
    ("detail", "get", lambda a, d: reverse("applications:detail", args=[a]), None, "html"),
    ("edit", "get", lambda a, d: reverse("applications:edit", args=[a]), None, "html"),
    (
        "edit-save",
        "post",
        lambda a, d: reverse("applications:edit", args=[a]),
        lambda app: {"action": "save", "f-nama_anak": "Penyusup"},
        "html",
    ),
    (
        "edit-remove",
        "post",
        lambda a, d: reverse("applications:edit", args=[a]),
        lambda app: {"remove": str(app.documents.first().public_id)},
        "html",
    ),
    ("review", "get", lambda a, d: reverse("applications:review", args=[a]), None, "html"),
    (
        "review-submit",
        "post",
        lambda a, d: reverse("applications:review", args=[a]),
        lambda app: {},
        "html",
    ),
    ("submitted", "get", lambda a, d: reverse("applications:submitted", args=[a]), None, "html"),
    ("withdraw", "get", lambda a, d: reverse("applications:withdraw", args=[a]), None, "html"),
    (
        "withdraw-post",
        "post",
        lambda a, d: reverse("applications:withdraw", args=[a]),
        lambda app: {"reason": "x"},
        "html",
    ),
    ("document", "get", lambda a, d: reverse("applications:document", args=[a, d]), None, "html"),
    (
        "document-inline",
        "get",
        lambda a, d: reverse("applications:document", args=[a, d]) + "?lihat=1",
        None,
        "html",
    ),
    ("case", "get", lambda a, d: reverse("applications:case", args=[a]), None, "html"),
    (
        "transition",
        "post",
        lambda a, d: reverse("applications:transition", args=[a]),
        lambda app: {"to": S.IN_VERIFICATION},
        "html",
    ),
    (
        "assign",
        "post",
        lambda a, d: reverse("applications:assign", args=[a]),
        lambda app: {"assignee": ""},
        "html",
    ),
    (
        "reveal-nik",
        "post",
        lambda a, d: reverse("applications:reveal-nik", args=[a]),
        lambda app: {"field": "f-nik_ibu"},
        "html",
    ),
    ("get_application", "get", lambda a, d: f"{API}/applications/{a}", None, "api"),
    (
        "submit_application",
        "post",
        lambda a, d: f"{API}/applications/{a}/submit",
        lambda app: {"answers": {}},
        "api",
    ),
    (
        "upload_document",
        "post",
        lambda a, d: f"{API}/applications/{a}/documents",
        lambda app: {"requirement": _requirement(app), "file": _doc_file()},
        "api-multipart",
    ),
    (
        "transition_application",
        "post",
        lambda a, d: f"{API}/applications/{a}/transitions",
        lambda app: {"to": S.WITHDRAWN, "reason": "x"},
        "api",
    ),
]


def _call(client: Client, op, app: Application, public_id: Any, doc_id: Any) -> Any:
    _name, method, url, body, kind = op
    target = url(public_id, doc_id)
    data = body(app) if body else None
    if method == "get":
        return client.get(target)
    if kind == "api":
        return client.post(target, data, content_type="application/json")
    return client.post(target, data or {})


def _snapshot(app: Application) -> tuple:
    app = Application.objects.get(pk=app.pk)
    return (
        app.state,
        app.answers,
        app.assigned_to_id,
        app.events.count(),
        list(app.documents.order_by("pk").values_list("pk", "is_current")),
    )


@pytest.fixture
def intruders(other_citizen, other_officer):
    def make(kind: str) -> Client:
        client = Client()
        if kind == "other_citizen":
            client.force_login(other_citizen)
        elif kind == "other_agency_officer":
            login_verified(client, other_officer)
        return client

    return make


@pytest.mark.parametrize("who", ["other_citizen", "other_agency_officer", "anonymous"])
@pytest.mark.parametrize("op", OPERATIONS, ids=[op[0] for op in OPERATIONS])
def test_intruders_learn_nothing_and_change_nothing(op, who, intruders, submitted):
    client = intruders(who)
    document = submitted.documents.filter(is_current=True).first()
    before = _snapshot(submitted)
    real = _call(client, op, submitted, submitted.public_id, document.public_id)
    after = _snapshot(submitted)
    fake = _call(client, op, submitted, uuid.uuid4(), uuid.uuid4())

    assert after == before
    assert real.status_code in {302, 401, 403, 404}, real.content[:300]
    if real.status_code == 302:
        # Only anonymous visitors are sent to sign in, and so is every made-up address.
        assert who == "anonymous"
        assert real["Location"].startswith(reverse("accounts:login"))
    # The answer for a real application equals the answer for one that does not exist.
    assert real.status_code == fake.status_code
    assert _strip(real, submitted) == _strip(fake, submitted)
    body = without_csrf(real.content.decode(errors="replace"))
    assert submitted.tracking_code not in body
    assert "Bima" not in body and "3521" not in body


def _strip(response: Any, app: Application) -> bytes:
    """The response body without the requested path (which differs by construction) and
    the CSRF token (random per response)."""
    import re

    content = response.content
    content = re.sub(
        rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", b"<id>", content
    )
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


@pytest.mark.parametrize("who", ["other_citizen", "other_agency_officer", "anonymous"])
def test_lists_never_show_others_applications(who, intruders, submitted):
    client = intruders(who)
    mine = client.get(f"{API}/me/applications")
    agency = client.get(f"{API}/agency/applications")
    inbox = client.get(reverse("applications:inbox"))
    if who == "anonymous":
        assert (mine.status_code, agency.status_code) == (401, 401)
        assert inbox.status_code == 302
    else:
        assert mine.status_code == 200
        assert mine.json()["results"] == []
        if who == "other_agency_officer":
            assert agency.json()["results"] == []
            assert list(inbox.context["items"]) == []
        else:
            assert agency.status_code == 401  # STAFF_AUTH: not signed in as staff
            assert inbox.status_code == 404
    for response in (mine, agency, inbox):
        assert submitted.tracking_code.encode() not in response.content


def test_public_tracking_with_wrong_digits_equals_unknown_code(client: Client, submitted):
    wrong = client.post(
        f"{API}/applications/track",
        {"code": submitted.tracking_code, "phone_last4": "0000"},
        content_type="application/json",
    )
    unknown = client.post(
        f"{API}/applications/track",
        {"code": "ZZZZZZZZZZ", "phone_last4": "7890"},
        content_type="application/json",
    )
    assert (wrong.status_code, wrong.json()) == (unknown.status_code, unknown.json())
    assert wrong.status_code == 404


def test_drafts_are_invisible_to_the_agency(draft, verifier):
    client = login_verified(Client(), verifier)
    assert client.get(reverse("applications:case", args=[draft.public_id])).status_code == 404
    assert client.get(f"{API}/applications/{draft.public_id}").status_code == 404
    assert client.get(f"{API}/agency/applications").json()["results"] == []


def test_auditor_sees_the_case_but_not_the_documents(submitted, auditor):
    client = login_verified(Client(), auditor)
    document = submitted.documents.filter(is_current=True).first()
    case = client.get(reverse("applications:case", args=[submitted.public_id]))
    assert case.status_code == 200
    assert (
        reverse("applications:document", args=[submitted.public_id, document.public_id])
        not in case.content.decode()
    )
    download = client.get(
        reverse("applications:document", args=[submitted.public_id, document.public_id])
    )
    assert download.status_code == 404
    api = client.get(f"{API}/applications/{submitted.public_id}").json()
    assert api["documents"] == []
    moved = client.post(
        f"{API}/applications/{submitted.public_id}/transitions",
        {"to": S.IN_VERIFICATION},
        content_type="application/json",
    )
    assert moved.status_code == 403
    assert Application.objects.get(pk=submitted.pk).state == S.SUBMITTED


def test_own_agency_staff_without_second_factor_see_nothing(submitted, verifier):
    client = Client()
    client.force_login(verifier)
    assert client.get(f"{API}/applications/{submitted.public_id}").status_code == 404
    # STAFF_AUTH: a staff session without the second factor is not a staff sign-in.
    assert client.get(f"{API}/agency/applications").status_code == 401


def test_applicant_and_agency_staff_can_download(submitted, citizen, verifier):
    document = submitted.documents.filter(is_current=True).first()
    url = reverse("applications:document", args=[submitted.public_id, document.public_id])
    own = Client()
    own.force_login(citizen)
    staff = login_verified(Client(), verifier)
    for client in (own, staff):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert submitted.tracking_code in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]
