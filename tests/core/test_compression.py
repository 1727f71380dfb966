"""HTML pages are gzipped for clients that accept it; JSON and live streams are not."""

import gzip

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PAGE = "/akun/masuk/"


def test_html_page_is_gzipped_when_accepted(mall) -> None:
    response = Client().get(PAGE, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"<html" in gzip.decompress(response.content)


def test_html_page_is_plain_without_accept_encoding(mall) -> None:
    response = Client().get(PAGE)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


def test_json_is_not_gzipped() -> None:
    response = Client().get("/healthz", HTTP_ACCEPT_ENCODING="gzip")
    assert not response.has_header("Content-Encoding")
