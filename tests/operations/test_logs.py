"""Structured logs with a request id."""

from __future__ import annotations

import json
import logging

import pytest

from mpp.operations.logs import JsonFormatter, RequestIdFilter, new_request_id, request_id_var


def test_new_request_id_keeps_wellformed_proxy_id_and_replaces_junk():
    assert new_request_id("f3a9c2d1e0b84b7e") == "f3a9c2d1e0b84b7e"
    replaced = new_request_id("bad id\nforged line")
    assert len(replaced) == 32 and replaced.isalnum()
    assert new_request_id(None) != new_request_id(None)


def test_json_formatter_one_line_with_request_id_and_extras():
    record = logging.LogRecord(
        "mpp.request", logging.INFO, __file__, 1, "GET %s", ("/x\ninjected",), None
    )
    record.status = 200
    token = request_id_var.set("req-12345678")
    try:
        RequestIdFilter().filter(record)
        line = JsonFormatter().format(record)
    finally:
        request_id_var.reset(token)

    entry = json.loads(line)
    assert "\n" not in line
    assert (entry["msg"], entry["request_id"], entry["status"], entry["level"]) == (
        "GET /x\ninjected",
        "req-12345678",
        200,
        "INFO",
    )


@pytest.mark.django_db
def test_response_carries_request_id_and_access_log_line(client, settings, caplog):
    settings.MPP_ACCESS_LOG = True
    # The middleware reads the setting when the handler is built; the test client builds a
    # fresh handler per client.
    from django.test import Client

    with caplog.at_level(logging.INFO, logger="mpp.request"):
        response = Client().get("/livez", HTTP_X_REQUEST_ID="edge-0001-abcd")

    records = [r for r in caplog.records if r.name == "mpp.request"]
    assert response["X-Request-ID"] == "edge-0001-abcd"
    assert [(r.method, r.path, r.route, r.status) for r in records] == [
        ("GET", "/livez", "livez", 200)
    ]
    assert records[0].request_id == "edge-0001-abcd"


@pytest.mark.django_db
def test_log_lines_inside_request_carry_its_id(client, caplog):
    with caplog.at_level(logging.WARNING):
        response = client.get("/tidak-ada-halaman-ini/")

    assert response.status_code == 404
    not_found = [r for r in caplog.records if r.name == "django.request"]
    assert [r.request_id for r in not_found] == [response["X-Request-ID"]]
