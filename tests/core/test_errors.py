"""One error contract: a DomainError raised anywhere under the API becomes the one shape."""

from __future__ import annotations

import json

from django.test import RequestFactory

from mpp.api import on_domain_error
from mpp.core.errors import ConflictError, DomainError, TooManyRequestsError


def test_domain_error_lists_its_field():
    error = DomainError("Pilih waktu kunjungan.", field="slot")

    assert error.status == 400
    assert error.as_items() == [{"field": "slot", "message": "Pilih waktu kunjungan."}]


def test_api_handler_answers_with_status_and_shape():
    request = RequestFactory().post("/api/v1/queue/tickets")

    response = on_domain_error(request, ConflictError("Kuota hari ini sudah habis."))

    assert response.status_code == 409
    assert json.loads(response.content) == {"detail": "Kuota hari ini sudah habis.", "errors": []}


def test_too_many_requests_carries_retry_after():
    request = RequestFactory().post("/api/v1/queue/tickets")

    response = on_domain_error(request, TooManyRequestsError("Terlalu sering.", retry_after=42))

    assert response.status_code == 429
    assert response["Retry-After"] == "42"
