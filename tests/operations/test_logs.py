"""Structured logs with a request id."""

from __future__ import annotations

import grp
import json
import logging
import os
import pwd
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mpp.operations.logs import (
    BatchedFileHandler,
    JsonFormatter,
    RequestIdFilter,
    new_request_id,
    request_id_var,
)
from tests.queueing.server import app_server, request

ROOT = Path(__file__).resolve().parents[2]


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


def _logging_child(body: str) -> str:
    """A `python -c` script: the `mpp.request` logger to a BatchedFileHandler on sys.argv[1]
    with batches `interval` seconds apart (a name `body` sets first), then `body`'s logging."""
    setup, _, lines = body.partition("\n")
    return (
        "import logging, sys\n"
        "from mpp.operations.logs import BatchedFileHandler, JsonFormatter\n"
        f"{setup}\n"
        "h = BatchedFileHandler(sys.argv[1], interval=interval)\n"
        "h.setFormatter(JsonFormatter())\n"
        "log = logging.getLogger('mpp.request'); log.propagate = False\n"
        "log.addHandler(h); log.setLevel(logging.INFO)\n"
        f"{lines}\n"
    )


def _access_record(n: int) -> logging.LogRecord:
    record = logging.LogRecord("mpp.request", logging.INFO, __file__, 1, "GET /x %s", (n,), None)
    record.status = 200
    record.request_id = f"req-{n:08d}"
    return record


def test_batched_file_handler_writes_whole_lines_in_batches_and_follows_rotation(tmp_path):
    path = tmp_path / "log" / "access.log"  # the folder is made
    handler = BatchedFileHandler(str(path), interval=60)  # only explicit flushes here
    handler.setFormatter(JsonFormatter())
    try:
        for n in range(3):
            handler.handle(_access_record(n))
        assert not path.exists() or path.read_text() == ""  # kept until the batch is written
        handler.flush()
        assert [json.loads(line)["msg"] for line in path.read_text().splitlines()] == [
            "GET /x 0",
            "GET /x 1",
            "GET /x 2",
        ]
        # logrotate moves the file away: the next batch starts a new file at the same path
        path.rename(tmp_path / "log" / "access.log.1")
        handler.handle(_access_record(3))
        handler.flush()
        assert [json.loads(line)["msg"] for line in path.read_text().splitlines()] == ["GET /x 3"]
        assert len((tmp_path / "log" / "access.log.1").read_text().splitlines()) == 3
    finally:
        handler.close()


def test_batched_file_handler_writes_by_itself_and_at_exit(tmp_path):
    path = tmp_path / "access.log"
    handler = BatchedFileHandler(str(path), interval=0.05)
    handler.setFormatter(JsonFormatter())
    handler.handle(_access_record(1))
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not path.exists():
        time.sleep(0.02)
    assert json.loads(path.read_text())["request_id"] == "req-00000001"
    handler.close()
    # A process that ends writes what it kept (atexit): a child process logs and exits.
    script = _logging_child("interval = 3600\nlog.info('last words')")
    subprocess.run([sys.executable, "-c", script, str(path)], cwd=ROOT, check=True)
    assert json.loads(path.read_text().splitlines()[-1])["msg"] == "last words"


def test_processes_appending_to_one_access_log_never_mix_lines(tmp_path):
    # The app server's processes share the file: each batch is one write of whole lines to a
    # file opened with O_APPEND, so no line is torn or lost.
    path = tmp_path / "access.log"
    script = _logging_child(
        "interval = 0.01\n"
        "for n in range(5000):\n"
        "    log.info('process %s line %s %s', sys.argv[2], n, 'x' * 200)"
    )
    writers = [
        subprocess.Popen([sys.executable, "-c", script, str(path), str(p)], cwd=ROOT)
        for p in range(3)
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0, 0]
    seen = [json.loads(line)["msg"].split() for line in path.read_text().splitlines()]
    assert len(seen) == 15_000
    for p in range(3):
        assert [int(m[3]) for m in seen if m[1] == str(p)] == list(range(5000))
    assert {len(m[4]) for m in seen} == {200}


@pytest.mark.skipif(not shutil.which("logrotate"), reason="logrotate is not installed")
def test_logrotate_with_the_shipped_config_and_the_processes_follow(tmp_path):
    # deploy/logrotate/mpp as an operator installs it (paths and owner of this test): after
    # the rotation the next batch starts a new file, nothing written before is lost.
    path = tmp_path / "access.log"
    config = (ROOT / "deploy" / "logrotate" / "mpp").read_text()
    user, group = pwd.getpwuid(os.getuid()).pw_name, grp.getgrgid(os.getgid()).gr_name
    config = config.replace("/var/log/mpp/access.log", str(path))
    config = config.replace("create 0640 mpp mpp", f"create 0640 {user} {group}")
    (tmp_path / "mpp.conf").write_text(config)
    handler = BatchedFileHandler(str(path), interval=60)
    handler.setFormatter(JsonFormatter())
    try:
        for n in range(3):
            handler.handle(_access_record(n))
        handler.flush()
        subprocess.run(
            [
                "logrotate",
                "--force",
                "--state",
                str(tmp_path / "state"),
                str(tmp_path / "mpp.conf"),
            ],
            check=True,
        )
        assert path.read_text() == ""  # `create`: a new, empty file
        handler.handle(_access_record(3))
        handler.flush()
    finally:
        handler.close()
    assert [json.loads(line)["msg"] for line in path.read_text().splitlines()] == ["GET /x 3"]
    rotated = (tmp_path / "access.log.1").read_text().splitlines()  # `delaycompress`
    assert [json.loads(line)["msg"] for line in rotated] == ["GET /x 0", "GET /x 1", "GET /x 2"]


@pytest.mark.django_db(transaction=True)
def test_a_stopped_app_server_writes_its_last_access_lines(tmp_path):
    # Batches an hour apart, so only the server's shutdown writes them: a process ended by
    # SIGTERM skips the interpreter's exit handlers (uvicorn raises the signal again).
    path = tmp_path / "access.log"
    env = {
        "MPP_ACCESS_LOG": "true",
        "MPP_ACCESS_LOG_FILE": str(path),
        "MPP_ACCESS_LOG_FLUSH_MS": "3600000",
        "LOG_FORMAT": "json",
    }
    with app_server(workers=2, extra_env=env) as port:
        statuses = [request(port, "GET", "/livez")[0] for _ in range(10)]
    assert statuses == [200] * 10
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [entry["path"] for entry in lines].count("/livez") == 10
    assert {entry["logger"] for entry in lines} == {"mpp.request"}


def test_batched_file_handler_touches_nothing_until_a_line_and_never_raises(tmp_path, capsys):
    # Every process of an installation reads the same settings; the worker and the scheduler
    # never write an access line and must not need the log folder (systemd gives it to the
    # app server only).
    unused = BatchedFileHandler(str(tmp_path / "unused" / "access.log"))
    unused.close()
    assert not (tmp_path / "unused").exists()
    # A folder that cannot be made: the request goes on, the process says it once.
    (tmp_path / "a-file").write_text("")
    broken = BatchedFileHandler(str(tmp_path / "a-file" / "access.log"), interval=60)
    broken.setFormatter(JsonFormatter())
    for n in range(2):
        broken.handle(_access_record(n))
        broken.flush()
    broken.close()
    assert capsys.readouterr().err.count("mpp: cannot write the log") == 1


def test_batched_file_handler_counts_what_it_had_to_drop(tmp_path):
    path = tmp_path / "access.log"
    handler = BatchedFileHandler(str(path), interval=60, max_lines=2)
    handler.setFormatter(JsonFormatter())
    for n in range(5):
        handler.handle(_access_record(n))
    handler.close()
    entries = [json.loads(line) for line in path.read_text().splitlines()]
    assert [(e["level"], e["msg"]) for e in entries] == [
        ("WARNING", "3 lines of this log were dropped: the file could not keep up"),
        ("INFO", "GET /x 0"),
        ("INFO", "GET /x 1"),
    ]
