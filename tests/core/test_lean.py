"""/api/ responses skip the page-only middleware; pages keep them."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_api_skips_page_headers() -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert not response.has_header("X-Frame-Options")
    assert not response.has_header("Content-Security-Policy")


def test_pages_keep_page_headers(mall) -> None:
    response = Client().get("/akun/masuk/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response.has_header("Content-Security-Policy")
