"""The production topology as an operator starts it: `make prod-local` from a clean clone,
and the systemd units of deploy/."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.queueing.server import free_port

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _post_json(url: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(  # noqa: S310 - loopback
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def test_procfile_names_the_three_process_types_and_real_commands():
    from django.core.management import get_commands

    lines = [
        line
        for line in (DEPLOY / "Procfile").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    processes = dict(line.split(": ", 1) for line in lines)
    commands = get_commands()

    assert list(processes) == ["web", "worker", "scheduler"]
    assert "run_worker" in processes["worker"] and "run_worker" in commands
    assert "run_scheduler" in processes["scheduler"] and "run_scheduler" in commands


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_systemd_units_verify(tmp_path):
    """`systemd-analyze verify` on the units with the paths of this checkout."""
    venv_python = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin" / "python"
    if not venv_python.exists():
        pytest.skip("no virtualenv python to point the units at")
    for unit in sorted((DEPLOY / "systemd").glob("*.service")):
        text = unit.read_text()
        text = text.replace("/opt/mpp/.venv/bin/python", str(venv_python))
        text = text.replace("/opt/mpp", str(ROOT))
        text = text.replace("/etc/mpp/mpp.env", str(DEPLOY / "systemd" / "mpp.env.example"))
        text = re.sub(r"^(User|Group)=mpp$", r"\1=root", text, flags=re.MULTILINE)
        name = unit.name.replace("@.service", "@1.service")
        (tmp_path / name).write_text(text)
    units = sorted(str(p) for p in tmp_path.glob("*.service"))

    result = subprocess.run(
        ["systemd-analyze", "verify", *units], capture_output=True, text=True, check=False
    )

    assert (result.returncode, result.stderr.strip()) == (0, "")
    assert [Path(u).name for u in units] == [
        "mpp-release.service",
        "mpp-scheduler.service",
        "mpp-web.service",
        "mpp-worker@1.service",
    ]


def test_prod_local_without_database_url_says_what_to_set():
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}

    result = subprocess.run(
        ["bash", str(DEPLOY / "prod-local.sh")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )

    assert result.returncode == 2
    assert "make prod-local runs the production topology and needs PostgreSQL and Redis" in (
        result.stderr
    )


@contextlib.contextmanager
def _fresh_database() -> str:
    import psycopg

    base = os.environ["DATABASE_URL"]
    # Named after the run's database, so runs with different databases (one machine shared
    # by several people, each with their own database names) never share this one.
    name = f"{base.rsplit('/', 1)[1].split('?')[0]}_prodlocal_{os.getpid()}"
    admin_url = base.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.redis
def test_prod_local_from_clean_clone_serves_the_topology(tmp_path):
    """What a new operator does: clone, `make prod-local` against PostgreSQL and Redis with
    the demo, then use it. The clone installs its own virtualenv from the lock file."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get(
        "REDIS_URL"
    ):
        pytest.skip("make prod-local needs DATABASE_URL (PostgreSQL) and REDIS_URL")
    clone = tmp_path / "mpp"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    port = free_port()
    log = (tmp_path / "prod-local.log").open("w+")
    with _fresh_database() as database_url:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTEST"))},
            "DATABASE_URL": database_url,
            "REDIS_URL": os.environ["REDIS_URL"],
            "DEMO": "1",
            # The CI runs at any hour; the demo mall takes walk-ins around the clock only in
            # demo mode (mpp/core/opening.py).
            "MPP_DEMO_MODE": "1",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        process = subprocess.Popen(
            ["make", "prod-local", f"PORT={port}"],
            cwd=clone,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            ready = None
            deadline = time.monotonic() + 900  # a fresh virtualenv, migrations and the demo
            while time.monotonic() < deadline and process.poll() is None:
                with contextlib.suppress(OSError):
                    status, body = _get(f"{base}/readyz?strict=1")
                    if status == 200:
                        ready = json.loads(body)
                        break
                time.sleep(2)
            log.seek(0)
            assert ready is not None, log.read()[-3000:]
            home_status, home = _get(f"{base}/")
            ticket_status, ticket = _post_json(
                # A walk-in service without seat limits: seat-limited services follow the real
                # hours even in demo mode, and the CI runs at any hour.
                f"{base}/api/v1/queue/tickets",
                {"service": "dinkes-slhs"},
            )
            board_status, _ = _get(f"{base}/antrian/papan/")
            keys = dict(
                line.split("=", 1)
                for line in (clone / "var" / "prod-local.env").read_text().splitlines()
            )
            metrics_status, metrics = _get(
                f"{base}/metrics", {"Authorization": f"Bearer {keys['MPP_METRICS_TOKEN']}"}
            )
            refused_status, _ = _get(f"{base}/metrics", {"X-Forwarded-For": "198.51.100.7"})
        finally:
            # What Ctrl+C in the operator's terminal does: SIGINT to the whole group.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGINT)
            try:
                exit_code = process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
                exit_code = None
            time.sleep(1)
            leftovers = subprocess.run(
                ["pgrep", "-f", str(clone)], capture_output=True, text=True, check=False
            ).stdout.split()
        log.seek(0)
        output = log.read()

    assert ready["status"] == "ok"
    assert ready["checks"]["workers"]["workers"] == {"default": 1, "notifications": 1}
    assert home_status == 200 and "Mal Pelayanan Publik" in home.decode()
    assert (ticket_status, ticket["number"], ticket["agency"]) == (201, "Z-001", "Dinas Kesehatan")
    assert board_status == 200
    assert metrics_status == 200 and "mpp_workers_alive 1.0" in metrics.decode()
    assert refused_status == 403
    # The access lines are in their own file (written in batches), not among honcho's lines.
    assert f"Access log: {clone / 'var' / 'log' / 'access.log'}" in output
    access = [
        json.loads(line)
        for line in (clone / "var" / "log" / "access.log").read_text().splitlines()
        if "/api/v1/queue/tickets" in line
    ]
    assert [(a["logger"], a["method"], a["status"], len(a["request_id"])) for a in access] == [
        ("mpp.request", "POST", 201, 32)
    ]
    assert '"logger": "mpp.request"' not in output
    assert exit_code is not None and leftovers == [], output[-2000:]
