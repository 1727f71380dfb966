"""Fair use on complaints and on complaint tracking (issue 10.1), through the real endpoints."""

from __future__ import annotations

import pytest
from django.test import Client
from django.test.utils import override_settings

from mpp.core import fairuse
from mpp.feedback import domain
from mpp.feedback.models import Complaint

BODY = {
    "subject": "service",
    "service": "ktp-el",
    "title": "Antrean KTP lama",
    "description": "Menunggu tiga jam di loket KTP.",
    "anonymous": True,
}


@pytest.fixture
def fair_use():
    with override_settings(MPP_FAIR_USE={}):
        yield


def test_300_scripted_complaints_file_only_the_budget(client, mall, ktp, fair_use):
    answers = [
        client.post(
            "/api/v1/feedback/complaints", {**BODY, "title": f"Keluhan {i}"},
            content_type="application/json",
        ).status_code
        for i in range(300)
    ]  # fmt: skip

    limit = fairuse.limit("complaint", "client")[0]
    assert answers.count(201) == limit
    assert answers.count(429) == 300 - limit
    assert Complaint.objects.count() == limit


def test_one_phone_from_many_addresses_hits_the_contact_budget(mall, ktp, fair_use):
    answers = [
        Client(REMOTE_ADDR=f"198.51.100.{i}").post(
            "/api/v1/feedback/complaints", {**BODY, "anonymous": False, "name": "Budi",
            "phone": "081234567890", "title": f"Keluhan {i}"},
            content_type="application/json",
        ).status_code
        for i in range(20)
    ]  # fmt: skip

    assert answers.count(201) == fairuse.limit("complaint", "contact")[0]
    assert answers[-1] == 429


def test_complaint_idempotency_key_is_scoped_to_the_client(mall, ktp):
    alice, mallory = Client(REMOTE_ADDR="198.51.100.1"), Client(REMOTE_ADDR="198.51.100.2")
    first = alice.post(
        "/api/v1/feedback/complaints", BODY, content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="1",
    )  # fmt: skip
    other = mallory.post(
        "/api/v1/feedback/complaints", {**BODY, "title": "Keluhan lain"},
        content_type="application/json", HTTP_IDEMPOTENCY_KEY="1",
    )  # fmt: skip

    assert (first.status_code, other.status_code) == (201, 201)
    assert first.json()["code"] != other.json()["code"]


def test_a_stranger_cannot_lock_the_owner_out_of_tracking(mall, ktp, settings):
    settings.FEEDBACK_TRACK_ATTEMPTS_PER_HOUR = 5
    filed = domain.file_complaint(
        mall=mall, subject="service", service=ktp, title="Judul keluhan",
        description="Isi keluhan yang cukup panjang.", is_anonymous=True,
    )  # fmt: skip
    stranger, owner = Client(REMOTE_ADDR="203.0.113.9"), Client(REMOTE_ADDR="198.51.100.7")
    tries = [
        stranger.post("/pengaduan/lacak/", {"code": filed.complaint.code, "secret": "WRONG2"})
        for _ in range(10)
    ]
    mine = owner.post("/pengaduan/lacak/", {"code": filed.complaint.code, "secret": filed.pin})

    assert tries[-1].status_code == 429
    assert mine.status_code in {200, 302}
