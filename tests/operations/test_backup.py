"""Backups that restore: database and documents into one file, restored into a scratch
database and checked against the manifest (row counts, audit chain heads, documents)."""

from __future__ import annotations

import io
import json
import sqlite3
import tarfile
from io import StringIO

import pytest
from cryptography.fernet import Fernet, MultiFernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from mpp.audit.domain import record_event
from mpp.operations import backup
from mpp.operations.backup import (
    BackupError,
    create_backup,
    decrypt_stream,
    encrypt_stream,
    list_backups,
    prune_backups,
)
from mpp.queueing import domain
from tests.queueing.conftest import build_hall

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(tmp_path, settings):
    root = tmp_path / "private"
    (root / "documents" / "2026").mkdir(parents=True)
    (root / "documents" / "2026" / "a1.bin").write_bytes(b"gAAAAAencrypted-scan-1" * 100)
    (root / "documents" / "2026" / "b2.bin").write_bytes(b"gAAAAAencrypted-scan-2" * 50)
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def data():
    hall = build_hall(counters=1)
    for _ in range(5):
        domain.issue_ticket(service=hall.ktp)
    for n in range(3):
        record_event(action="test.backup", mall_id=hall.mall.pk, data={"n": n})
    return hall


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_backup_and_restore_drill_match(tmp_path, media, data, settings):
    settings.BACKUP_DIR = tmp_path / "backups"

    made = _run("backup")
    report = _run("restore_drill")

    [path] = list_backups()
    assert path.name.endswith(".tar") and str(path) in made
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert "2 documents" in made and "NOT encrypted" in made
    assert f"audit mall:{data.mall.pk} #3" in made
    assert "restore drill passed" in report
    assert f"OK      mall:{data.mall.pk}: 3 events" in report


def test_manifest_counts_equal_database_in_snapshot(tmp_path, media, data):
    result = create_backup(directory=tmp_path)

    counts = result.manifest["row_counts"]
    assert counts["queueing_ticket"] == 5
    assert counts["audit_auditevent"] == 3
    assert result.manifest["audit_heads"][f"mall:{data.mall.pk}"]["seq"] == 3
    assert set(result.manifest["media"]) == {"documents/2026/a1.bin", "documents/2026/b2.bin"}
    assert result.manifest["engine"] == connection.vendor


def test_restore_drill_fails_when_restore_differs_from_manifest(tmp_path, media, data):
    made = create_backup(directory=tmp_path)
    with tarfile.open(made.path) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    manifest = json.loads(members["manifest.json"])
    manifest["row_counts"]["queueing_ticket"] = 6  # one ticket "lost" in the restore
    members["manifest.json"] = json.dumps(manifest).encode()
    forged = tmp_path / "mpp-backup-forged.tar"
    with tarfile.open(forged, "w") as tar:
        for name, payload in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))

    with pytest.raises(CommandError, match="RESTORE DRILL FAILED"):
        call_command("restore_drill", backup=forged, stdout=StringIO())


def test_open_backup_refuses_altered_document(tmp_path, media, data):
    made = create_backup(directory=tmp_path)
    with tarfile.open(made.path) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    members["media/documents/2026/a1.bin"] = b"replaced"
    forged = tmp_path / "forged.tar"
    with tarfile.open(forged, "w") as tar:
        for name, payload in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))

    work = tmp_path / "work"
    work.mkdir()

    with pytest.raises(BackupError, match=r"documents/2026/a1\.bin is missing or does not match"):
        backup.open_backup(forged, work)


def test_encrypted_backup_holds_no_key_and_no_plaintext(tmp_path, media, data, settings):
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = Fernet.generate_key().decode()
    settings.NIK_HMAC_KEY = "nik-hmac-key-for-the-backup-test-0123456789"
    settings.AUDIT_HMAC_KEY = "audit-hmac-key-for-the-backup-test-0123456789"

    result = create_backup(directory=tmp_path)
    blob = result.path.read_bytes()

    assert result.path.name.endswith(".tar.enc")
    assert blob.startswith(backup.MAGIC)
    for secret in (
        settings.SECRET_KEY,
        settings.BACKUP_ENCRYPTION_KEY,
        settings.FIELD_ENCRYPTION_KEY,
        settings.NIK_HMAC_KEY,
        settings.AUDIT_HMAC_KEY,
    ):
        assert secret.encode() not in blob
    assert b"Perekaman KTP-el" not in blob  # the database is not readable without the key
    report = _run("restore_drill", "--backup", str(result.path))
    assert "restore drill passed" in report


def test_plain_backup_holds_no_key(tmp_path, media, data, settings):
    settings.FIELD_ENCRYPTION_KEY = Fernet.generate_key().decode()
    settings.AUDIT_HMAC_KEY = "audit-hmac-key-for-the-backup-test-0123456789"

    blob = create_backup(directory=tmp_path).path.read_bytes()

    for secret in (settings.SECRET_KEY, settings.FIELD_ENCRYPTION_KEY, settings.AUDIT_HMAC_KEY):
        assert secret.encode() not in blob


def test_encrypted_backup_needs_the_key(tmp_path, media, data, settings):
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    result = create_backup(directory=tmp_path)
    work = tmp_path / "work"
    work.mkdir()

    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(BackupError, match="wrong BACKUP_ENCRYPTION_KEY"):
        backup.open_backup(result.path, work)
    settings.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(BackupError, match="set BACKUP_ENCRYPTION_KEY"):
        backup.open_backup(result.path, work)


def test_restore_refuses_non_empty_target_without_yes(tmp_path, media, data):
    made = create_backup(directory=tmp_path)
    if connection.vendor == "postgresql":
        pytest.skip("the SQLite path is enough to show the refusal; PostgreSQL is drilled")
    occupied = tmp_path / "occupied.sqlite3"
    sqlite3.connect(occupied).execute("CREATE TABLE x (y int)").connection.commit()

    with pytest.raises(CommandError, match=r"exists\. Restore replaces it: repeat with --yes\."):
        call_command(
            "restore",
            str(made.path),
            database_url=f"sqlite:///{occupied}",
            media_root=tmp_path / "new-media",
            stdout=StringIO(),
        )


def test_restore_into_empty_database_brings_everything_back(tmp_path, media, data):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL restores are covered by the restore drill")
    made = create_backup(directory=tmp_path)
    target = tmp_path / "restored.sqlite3"

    out = _run(
        "restore",
        str(made.path),
        "--database-url",
        f"sqlite:///{target}",
        "--media-root",
        str(tmp_path / "restored-media"),
    )

    tickets = sqlite3.connect(target).execute("SELECT count(*) FROM queueing_ticket").fetchone()
    assert tickets == (5,)
    assert (tmp_path / "restored-media" / "documents" / "2026" / "b2.bin").read_bytes() == (
        media / "documents" / "2026" / "b2.bin"
    ).read_bytes()
    assert "verified: row counts, audit chain heads and documents match." in out


def test_prune_keeps_newest(tmp_path):
    for stamp in ("20261201T013000Z", "20261202T013000Z", "20261203T013000Z"):
        (tmp_path / f"mpp-backup-{stamp}.tar").write_bytes(b"x")
    (tmp_path / "mpp-backup-20261204T013000Z.tar.partial").write_bytes(b"x")

    deleted = prune_backups(directory=tmp_path, keep=2)

    assert [p.name for p in deleted] == ["mpp-backup-20261201T013000Z.tar"]
    assert [p.name for p in list_backups(tmp_path)] == [
        "mpp-backup-20261202T013000Z.tar",
        "mpp-backup-20261203T013000Z.tar",
    ]


@pytest.mark.django_db(transaction=False)
def test_chunked_encryption_round_trip_and_tamper_detection(monkeypatch):
    monkeypatch.setattr(backup, "CHUNK", 10)
    fernet = MultiFernet([Fernet(Fernet.generate_key())])
    plain = bytes(range(256)) * 3
    sealed = io.BytesIO()
    encrypt_stream(io.BytesIO(plain), sealed, fernet)

    opened = io.BytesIO()
    decrypt_stream(io.BytesIO(sealed.getvalue()), opened, fernet)
    truncated = sealed.getvalue()[: len(sealed.getvalue()) // 2]

    assert opened.getvalue() == plain
    with pytest.raises(BackupError):
        decrypt_stream(io.BytesIO(truncated), io.BytesIO(), fernet)
