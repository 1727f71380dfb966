"""`manage.py check --deploy` means it (issue 10.8): the documented production environment
(deploy/systemd/mpp.env.example with its keys filled in) is clean, warnings included; without
keys, or with demo keys, the release step's `--fail-level ERROR` refuses to start."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "deploy" / "systemd" / "mpp.env.example"
FERNET_KEYS = {"FIELD_ENCRYPTION_KEY", "BACKUP_ENCRYPTION_KEY"}


def _documented_env(tmp_path: Path) -> dict[str, str]:
    """The example file as an operator fills it in: every empty value gets a fresh secret."""
    env: dict[str, str] = {}
    for line in EXAMPLE.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, value = line.split("=", 1)
        if not value:
            if name in FERNET_KEYS:
                value = Fernet.generate_key().decode()
            elif name.endswith("_URL"):
                value = "https://sms-gateway.example/send"
            else:
                value = secrets.token_urlsafe(48)
        env[name] = value
    # Paths of this machine instead of the server's; no database is contacted by the check.
    env.pop("DATABASE_URL", None)
    env["SQLITE_PATH"] = str(tmp_path / "check.sqlite3")
    for name in ("PROMETHEUS_MULTIPROC_DIR", "MEDIA_ROOT", "BACKUP_DIR", "STATIC_ROOT"):
        env[name] = str(tmp_path / name.lower())
    env["AUDIT_CHECKPOINT_FILE"] = str(tmp_path / "checkpoints.jsonl")
    return env


def _check(env: dict[str, str], fail_level: str) -> subprocess.CompletedProcess[str]:
    base = {"PATH": os.environ.get("PATH", ""), "HOME": str(ROOT)}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", fail_level],
        cwd=ROOT,
        env={**base, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_documented_production_environment_passes_clean(tmp_path):
    result = _check(_documented_env(tmp_path), "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("change", "error_id"),
    [
        ({"SECRET_KEY": None}, "mpp.E001"),
        ({"SECRET_KEY": "mpp-insecure-demo-key-change-me-in-production-0123456789"}, "mpp.E001"),
        ({"SECRET_KEY": "short-key"}, "mpp.E002"),
        ({"AUDIT_HMAC_KEY": None}, "mpp.audit.E001"),
        ({"AUDIT_HMAC_KEY": "SAME"}, "mpp.audit.E002"),
        ({"AUDIT_HMAC_KEY": "django-insecure-audit-key-0123456789abcdefghij"}, "mpp.audit.E003"),
        ({"FIELD_ENCRYPTION_KEY": None}, "mpp.accounts.E001"),
        ({"NIK_HMAC_KEY": None}, "mpp.accounts.E001"),
    ],
)
def test_missing_or_demo_keys_stop_the_release(tmp_path, change, error_id):
    env = _documented_env(tmp_path)
    for name, value in change.items():
        if value is None:
            env.pop(name)
        elif value == "SAME":
            env[name] = env["SECRET_KEY"]
        else:
            env[name] = value

    result = _check(env, "ERROR")

    assert result.returncode != 0
    assert f"({error_id})" in result.stderr + result.stdout


def test_plain_demo_environment_fails_the_release_check(tmp_path):
    """What `make run` uses (no keys at all): fine for a demo, refused for production."""
    result = _check({"SQLITE_PATH": str(tmp_path / "demo.sqlite3")}, "ERROR")

    output = result.stderr + result.stdout
    assert result.returncode != 0
    for error_id in ("mpp.E001", "mpp.audit.E001", "mpp.accounts.E001"):
        assert f"({error_id})" in output


# Each warning `check --deploy` can give, and the documented variable that clears it (W004,
# HSTS off, hides W005 and W021; its variable SECURE_HSTS_SECONDS is checked in the docs below).
WARNING_VARIABLES = {
    "security.W005": ("SECURE_HSTS_INCLUDE_SUBDOMAINS", "false"),
    "security.W021": ("SECURE_HSTS_PRELOAD", "false"),
    "security.W008": ("SECURE_SSL_REDIRECT", "false"),
    "security.W012": ("SECURE_COOKIES", "false"),
    "mpp.notifications.W001": ("MPP_SMS_SENDER", "mpp.notifications.senders.LogSender"),
    "mpp.audit.W001": ("AUDIT_CHECKPOINT_FILE", ""),
}


def test_each_warning_is_cleared_by_a_documented_variable(tmp_path):
    env = _documented_env(tmp_path)
    for variable, off in WARNING_VARIABLES.values():
        env[variable] = off

    result = _check(env, "WARNING")

    output = result.stderr + result.stdout
    docs = (ROOT / "docs" / "security.md").read_text()
    for warning_id, (variable, _off) in WARNING_VARIABLES.items():
        assert f"({warning_id})" in output
        assert f"`{variable}`" in docs, variable
    assert "`SECURE_HSTS_SECONDS`" in docs
