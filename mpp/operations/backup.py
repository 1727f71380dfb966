"""Backups that restore: the database (PostgreSQL or SQLite), the encrypted documents, and a
manifest to check a restore against.

One backup is one file, `mpp-backup-<UTC time>.tar` — or `.tar.enc`, encrypted with
`BACKUP_ENCRYPTION_KEY` (Fernet, in authenticated chunks) — holding:

- `manifest.json`: when, which engine, the row count of every table and the head of every
  audit chain *in the same snapshot as the dump*, and the SHA-256 of every other member;
- `database.dump` (`pg_dump -Fc`, from an exported snapshot) or `database.sqlite3` (SQLite's
  online backup API: never a copy of a live file in WAL mode);
- `media/…`: the uploaded documents exactly as stored (already encrypted with
  `FIELD_ENCRYPTION_KEY`).

No key is ever written into a backup: not `SECRET_KEY`, `FIELD_ENCRYPTION_KEY`,
`NIK_HMAC_KEY`, `AUDIT_HMAC_KEY` nor `BACKUP_ENCRYPTION_KEY`. Keep the keys in the operator's
key store; a backup without them restores a database whose NIKs and documents stay unreadable
and whose audit chain cannot be verified — which is the point of keeping them apart.

`restore_backup` puts a backup back (into the configured database or another one) and
`verify_restore` compares the restored database with the manifest: row counts, audit chain
heads, and the whole audit chain recomputed by `verify_audit_chain`. The restore drill
(`manage.py restore_drill`, weekly in the job table) does both into a scratch database.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.db import connection

FORMAT = 1
MAGIC = b"MPPBACKUP1\n"
CHUNK = 4 * 1024 * 1024
MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_DUMP = "database.sqlite3"


class BackupError(Exception):
    """A backup or restore could not be made or does not check out; the message says why."""


# --- Encryption -------------------------------------------------------------------------------


def _fernet(keys: str | None = None) -> MultiFernet | None:
    raw = settings.BACKUP_ENCRYPTION_KEY if keys is None else keys
    parts = [k.strip() for k in raw.split(",") if k.strip()]
    if not parts:
        return None
    try:
        return MultiFernet([Fernet(k.encode()) for k in parts])
    except ValueError as exc:
        raise BackupError(
            "BACKUP_ENCRYPTION_KEY must be Fernet keys (urlsafe base64, 32 bytes), comma-separated."
        ) from exc


def encrypt_stream(source: IO[bytes], target: IO[bytes], fernet: MultiFernet) -> None:
    """Chunked authenticated encryption: each chunk carries its index and whether it is the
    last, so reordered, dropped or truncated chunks are detected on decryption."""
    target.write(MAGIC)
    index = 0
    chunk = source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        token = fernet.encrypt(struct.pack(">?Q", last, index) + chunk)
        target.write(struct.pack(">I", len(token)) + token)
        if last:
            return
        index += 1
        chunk = following


def decrypt_stream(source: IO[bytes], target: IO[bytes], fernet: MultiFernet) -> None:
    if source.read(len(MAGIC)) != MAGIC:
        raise BackupError("This is not an encrypted MPP backup.")
    expected = 0
    while True:
        header = source.read(4)
        if len(header) < 4:
            raise BackupError("The backup is truncated (its last chunk is missing).")
        (length,) = struct.unpack(">I", header)
        token = source.read(length)
        try:
            plain = fernet.decrypt(token)
        except InvalidToken as exc:
            raise BackupError(
                "The backup cannot be decrypted: wrong BACKUP_ENCRYPTION_KEY, or the file "
                "was altered."
            ) from exc
        last, index = struct.unpack(">?Q", plain[:9])
        if index != expected:
            raise BackupError("The backup's chunks are out of order.")
        target.write(plain[9:])
        if last:
            if source.read(1):
                raise BackupError("The backup has data after its last chunk.")
            return
        expected += 1


# --- What the manifest records ----------------------------------------------------------------


def _tables() -> list[str]:
    """Every table of every installed model (auto-created many-to-many tables included)."""
    names = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            names.add(model._meta.db_table)
    return sorted(names)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def snapshot_facts(cursor: Any) -> dict[str, Any]:
    """Row counts and audit chain heads, read through `cursor` (one snapshot)."""
    counts = {}
    for table in _tables():
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - our names
        counts[table] = int(cursor.fetchone()[0])
    cursor.execute("SELECT chain, last_seq, last_hash FROM audit_auditchainhead ORDER BY chain")
    heads = {chain: {"seq": int(seq), "hash": digest} for chain, seq, digest in cursor.fetchall()}
    return {"row_counts": counts, "audit_heads": heads}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _media_files(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


# --- Making a backup --------------------------------------------------------------------------


def _pg_env(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} was not found. Install the PostgreSQL client of the server's version "
            "(Debian: apt-get install postgresql-client)."
        )
    return found


def _dump_postgresql(workdir: Path) -> dict[str, Any]:
    """pg_dump from an exported snapshot, counted in that same snapshot."""
    db = connection.settings_dict
    args, env = _pg_env(db)
    with connection.cursor() as cursor:
        connection.set_autocommit(False)
        try:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            facts = snapshot_facts(cursor)
            completed = subprocess.run(  # noqa: S603 - fixed argv, no shell
                [
                    _tool("pg_dump"),
                    *args,
                    "--format=custom",
                    "--no-owner",
                    "--no-acl",
                    f"--snapshot={snapshot}",
                    f"--file={workdir / PG_DUMP}",
                    str(db["NAME"]),
                ],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
        finally:
            connection.rollback()
            connection.set_autocommit(True)
    if completed.returncode != 0:
        raise BackupError(f"pg_dump failed: {completed.stderr.strip()[-1000:]}")
    return facts


def _dump_sqlite(workdir: Path) -> dict[str, Any]:
    source = sqlite3.connect(str(connection.settings_dict["NAME"]))
    target = sqlite3.connect(str(workdir / SQLITE_DUMP))
    try:
        source.backup(target)
        cursor = target.cursor()
        facts = snapshot_facts(cursor)
    finally:
        target.close()
        source.close()
    return facts


def _app_version() -> str:
    try:
        completed = subprocess.run(
            ["git", "describe", "--always", "--dirty"],  # noqa: S607 - git from PATH
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=False,
            timeout=5,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return completed.stdout.strip() or "unknown"


def _migrations() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        latest: dict[str, str] = {}
        for app, name in cursor.fetchall():
            latest[app] = name
    return latest


@dataclass
class BackupResult:
    path: Path
    manifest: dict[str, Any]
    size: int


def create_backup(*, directory: Path | None = None, now: datetime | None = None) -> BackupResult:
    """Write one backup file into `directory` (default `BACKUP_DIR`) and return it.

    The file appears under its final name only when complete (written as `.partial`, then
    renamed), with mode 0600 in a 0700 directory: it holds personal data.
    """
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    os.chmod(directory, 0o700)
    now = now or datetime.now(tz=UTC)
    fernet = _fernet()
    vendor = connection.vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    with tempfile.TemporaryDirectory(prefix="mpp-backup-") as tmp:
        workdir = Path(tmp)
        facts = _dump_postgresql(workdir) if vendor == "postgresql" else _dump_sqlite(workdir)
        dump_name = PG_DUMP if vendor == "postgresql" else SQLITE_DUMP
        media_root = Path(settings.MEDIA_ROOT)
        media = {
            str(path.relative_to(media_root)): {
                "sha256": _sha256(path),
                "size": path.stat().st_size,
            }
            for path in _media_files(media_root)
        }
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "engine": vendor,
            "app_version": _app_version(),
            "migrations": _migrations(),
            "encrypted": fernet is not None,
            "database_file": dump_name,
            "database_sha256": _sha256(workdir / dump_name),
            "media": media,
            **facts,
        }
        stamp = now.strftime("%Y%m%dT%H%M%SZ")
        final = directory / f"mpp-backup-{stamp}.tar{'.enc' if fernet else ''}"
        partial = final.with_name(final.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            if fernet is None:
                _write_tar(
                    out,
                    dump=workdir / dump_name,
                    dump_name=dump_name,
                    media_root=media_root,
                    media=media,
                    manifest=manifest,
                )
            else:
                with tempfile.TemporaryFile(dir=tmp) as plain:
                    _write_tar(
                        plain,
                        dump=workdir / dump_name,
                        dump_name=dump_name,
                        media_root=media_root,
                        media=media,
                        manifest=manifest,
                    )
                    plain.seek(0)
                    encrypt_stream(plain, out, fernet)
            out.flush()
            os.fsync(out.fileno())
        partial.rename(final)
    return BackupResult(path=final, manifest=manifest, size=final.stat().st_size)


def _write_tar(
    out: IO[bytes],
    *,
    dump: Path,
    dump_name: str,
    media_root: Path,
    media: dict[str, Any],
    manifest: dict[str, Any],
) -> None:
    with tarfile.open(fileobj=out, mode="w") as tar:
        data = json.dumps(manifest, indent=2, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mode = 0o600
        tar.addfile(info, io.BytesIO(data))
        tar.add(dump, arcname=dump_name, recursive=False)
        for relative in media:
            tar.add(media_root / relative, arcname=f"media/{relative}", recursive=False)


def prune_backups(*, directory: Path | None = None, keep: int | None = None) -> list[Path]:
    """Delete all but the newest `keep` backups (never the only one). Returns the deleted."""
    directory = Path(directory or settings.BACKUP_DIR)
    keep = settings.BACKUP_KEEP if keep is None else keep
    backups = list_backups(directory)
    doomed = backups[: max(0, len(backups) - max(1, keep))]
    for path in doomed:
        path.unlink()
    return doomed


def list_backups(directory: Path | None = None) -> list[Path]:
    """Complete backups, oldest first (the names sort by time)."""
    directory = Path(directory or settings.BACKUP_DIR)
    if not directory.is_dir():
        return []
    return sorted(
        p
        for p in directory.iterdir()
        if p.name.startswith("mpp-backup-") and p.name.endswith((".tar", ".tar.enc"))
    )


# --- Opening and restoring --------------------------------------------------------------------


@dataclass
class OpenedBackup:
    directory: Path
    manifest: dict[str, Any]

    @property
    def database_file(self) -> Path:
        return self.directory / self.manifest["database_file"]

    @property
    def media_dir(self) -> Path:
        return self.directory / "media"


def open_backup(path: Path, workdir: Path) -> OpenedBackup:
    """Decrypt (if needed) and unpack into `workdir`, checking every checksum."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    with path.open("rb") as handle:
        encrypted = handle.read(len(MAGIC)) == MAGIC
    if encrypted:
        fernet = _fernet()
        if fernet is None:
            raise BackupError("This backup is encrypted: set BACKUP_ENCRYPTION_KEY to restore it.")
        plain_path = workdir / "backup.tar"
        with path.open("rb") as source, plain_path.open("wb") as target:
            decrypt_stream(source, target, fernet)
        tar_path = plain_path
    else:
        tar_path = path
    unpacked = workdir / "unpacked"
    unpacked.mkdir()
    try:
        with tarfile.open(tar_path, mode="r") as tar:
            tar.extractall(unpacked, filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"The backup cannot be unpacked: {exc}") from exc
    if encrypted:
        tar_path.unlink()
    manifest_path = unpacked / MANIFEST
    if not manifest_path.is_file():
        raise BackupError("The backup has no manifest.json.")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    opened = OpenedBackup(unpacked, manifest)
    if _sha256(opened.database_file) != manifest["database_sha256"]:
        raise BackupError("The database dump does not match its checksum.")
    for relative, meta in manifest["media"].items():
        file = opened.media_dir / relative
        if not file.is_file() or _sha256(file) != meta["sha256"]:
            raise BackupError(f"The document {relative} is missing or does not match its checksum.")
    return opened


@dataclass
class Target:
    """Where to restore: a database (settings-style dict) and a media directory."""

    database: dict[str, Any]
    media_root: Path


def current_target() -> Target:
    return Target(database=dict(connection.settings_dict), media_root=Path(settings.MEDIA_ROOT))


def _pg_has_tables(db: dict[str, Any]) -> bool:
    args, env = _pg_env(db)
    completed = subprocess.run(  # noqa: S603 - fixed argv
        [
            _tool("psql"),
            *args,
            "-d",
            str(db["NAME"]),
            "-Atc",
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise BackupError(f"Cannot reach the target database: {completed.stderr.strip()}")
    return int(completed.stdout.strip() or 0) > 0


def restore_backup(opened: OpenedBackup, target: Target, *, replace: bool = False) -> None:
    """Put the database and the documents of `opened` into `target`.

    Refuses to overwrite a database that has tables, or a non-empty media directory, unless
    `replace` (the command's `--yes`); replaced documents are kept beside the new ones as
    `<media>.before-restore-<time>`.
    """
    engine = opened.manifest["engine"]
    db = target.database
    target_engine = "postgresql" if "postgresql" in db["ENGINE"] else "sqlite"
    if engine != target_engine:
        raise BackupError(f"This backup is of a {engine} database; the target is {target_engine}.")
    if engine == "postgresql":
        if _pg_has_tables(db) and not replace:
            raise BackupError(
                f"The database {db['NAME']} is not empty. Restore replaces it: repeat with --yes."
            )
        args, env = _pg_env(db)
        completed = subprocess.run(  # noqa: S603 - fixed argv
            [
                _tool("pg_restore"),
                *args,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-acl",
                "--exit-on-error",
                "--single-transaction",
                "-d",
                str(db["NAME"]),
                str(opened.database_file),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            raise BackupError(f"pg_restore failed: {completed.stderr.strip()[-1000:]}")
    else:
        destination = Path(db["NAME"])
        if destination.exists() and destination.stat().st_size > 0 and not replace:
            raise BackupError(f"{destination} exists. Restore replaces it: repeat with --yes.")
        destination.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(f"{destination}{suffix}").unlink(missing_ok=True)
        temporary = destination.with_name(destination.name + ".restoring")
        shutil.copyfile(opened.database_file, temporary)
        os.replace(temporary, destination)
    _restore_media(opened, target.media_root, replace=replace)


def _restore_media(opened: OpenedBackup, media_root: Path, *, replace: bool) -> None:
    if media_root.exists() and any(media_root.iterdir()):
        if not replace:
            raise BackupError(f"{media_root} is not empty. Restore replaces it: repeat with --yes.")
        stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")
        media_root.rename(media_root.with_name(f"{media_root.name}.before-restore-{stamp}"))
    media_root.mkdir(parents=True, exist_ok=True)
    if opened.media_dir.is_dir():
        shutil.copytree(opened.media_dir, media_root, dirs_exist_ok=True)


# --- Verifying a restore ----------------------------------------------------------------------


@dataclass
class Verification:
    ok: bool
    count_mismatches: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    head_mismatches: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    media_mismatches: list[str] = field(default_factory=list)
    chain_report: str = ""

    def summary(self) -> str:
        lines = []
        for table, (want, got) in sorted(self.count_mismatches.items()):
            lines.append(f"rows of {table}: backup {want}, restored {got}")
        for chain, (want, got) in sorted(self.head_mismatches.items()):
            lines.append(f"audit head of {chain}: backup {want}, restored {got}")
        lines += [f"document {name} missing or altered" for name in self.media_mismatches]
        lines.append(self.chain_report.strip())
        return "\n".join(line for line in lines if line)


def _target_cursor(db: dict[str, Any]) -> Any:
    conn: Any
    if "postgresql" in db["ENGINE"]:
        import psycopg

        conn = psycopg.connect(
            dbname=db["NAME"],
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            autocommit=True,
        )
    else:
        conn = sqlite3.connect(str(db["NAME"]))
    return conn


def database_env(db: dict[str, Any]) -> dict[str, str]:
    """Environment that points a `python -m django` process at `db`."""
    if "postgresql" in db["ENGINE"]:
        user = db.get("USER") or "postgres"
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        host = db.get("HOST") or "127.0.0.1"
        port = db.get("PORT") or 5432
        return {"DATABASE_URL": f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"}
    return {"DATABASE_URL": "", "SQLITE_PATH": str(db["NAME"])}


def verify_restore(opened: OpenedBackup, target: Target) -> Verification:
    """Compare the restored database and documents with the backup's manifest, and recompute
    the audit chains in the restored database (`verify_audit_chain`, same keys)."""
    conn = _target_cursor(target.database)
    try:
        cursor = conn.cursor()
        facts = snapshot_facts(cursor)
    finally:
        conn.close()
    result = Verification(ok=True)
    for table, want in opened.manifest["row_counts"].items():
        got = facts["row_counts"].get(table)
        if got != want:
            result.count_mismatches[table] = (want, got)
    for chain, want in opened.manifest["audit_heads"].items():
        got = facts["audit_heads"].get(chain)
        if got != want:
            result.head_mismatches[chain] = (want, got)
    for relative, meta in opened.manifest["media"].items():
        file = target.media_root / relative
        if not file.is_file() or _sha256(file) != meta["sha256"]:
            result.media_mismatches.append(relative)
    completed = subprocess.run(
        # --restored: checkpoints published after this backup (AUDIT_CHECKPOINT_FILE) lie
        # beyond its chains' ends; those within them are still checked.
        [sys.executable, "-m", "django", "verify_audit_chain", "--restored"],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "mpp.settings"),
            **database_env(target.database),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    result.chain_report = (completed.stdout + completed.stderr).strip()
    result.ok = (
        not result.count_mismatches
        and not result.head_mismatches
        and not result.media_mismatches
        and completed.returncode == 0
    )
    return result
