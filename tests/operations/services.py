"""Throwaway PostgreSQL and Redis servers for the fault drills.

The drills stop and restart the database and Redis; they must never touch the machine's
shared servers (PostgreSQL on 5432, Redis on 6379). Each drill makes its own: a PostgreSQL
cluster created with `initdb` and run with `pg_ctl` on a port in 5471–5479, a `redis-server`
on a port in 6471–6479, both in a temporary directory removed afterwards.

A port is reserved with a lock file (`<tmp>/mpp-drill-ports/<port>.lock`, `flock`) from the
moment it is picked until the server is destroyed, so two test runs on one machine (`.ci/run`
runs the SQLite and the PostgreSQL suites at the same time) never pick the same port in the
seconds between picking it and the server listening on it, nor while a drill has its server
stopped.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

PG_PORTS = range(5471, 5480)
REDIS_PORTS = range(6471, 6480)


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _pick(ports: range) -> tuple[int, IO[str]]:
    """A free port of `ports` and its lock (held until closed; the kernel drops it when the
    process dies)."""
    lock_dir = Path(tempfile.gettempdir()) / "mpp-drill-ports"
    lock_dir.mkdir(exist_ok=True)
    for port in ports:
        lock = (lock_dir / f"{port}.lock").open("w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()  # another run holds this port
            continue
        if _port_free(port):
            return port, lock
        lock.close()
    raise RuntimeError(f"no free port in {ports.start}-{ports.stop - 1}")


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    return None


def postgres_available() -> str:
    """Why a throwaway cluster cannot be made here ('' when it can)."""
    if not (_pg_bin("initdb") and _pg_bin("pg_ctl")):
        return "initdb/pg_ctl are not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a postgres user to run initdb as"
    return ""


def redis_available() -> str:
    return "" if shutil.which("redis-server") else "redis-server is not installed"


class ThrowawayPostgres:
    """A PostgreSQL cluster of its own: `start()`, `stop(mode)`, `url(dbname)`."""

    def __init__(self) -> None:
        self.port, self._port_lock = _pick(PG_PORTS)
        self.dir = Path(tempfile.mkdtemp(prefix="mpp-drill-pg-"))
        self.data = self.dir / "data"
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            user = pwd.getpwnam("postgres")
            os.chown(self.dir, user.pw_uid, user.pw_gid)
        self._run(
            _pg_bin("initdb") or "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8",
        )

    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = list(argv)
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=check, cwd=self.dir)

    def start(self) -> None:
        self._run(
            _pg_bin("pg_ctl") or "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.dir / "server.log"),
            "-w",
            "-t",
            "60",
            "-o",
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=60",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        """`immediate` is a crash (no checkpoint: the restart replays the WAL)."""
        self._run(_pg_bin("pg_ctl") or "pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, dbname: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)
        self._port_lock.close()


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[ThrowawayPostgres]:
    cluster = ThrowawayPostgres()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.destroy()


class ThrowawayRedis:
    def __init__(self) -> None:
        self.port, self._port_lock = _pick(REDIS_PORTS)
        self.dir = Path(tempfile.mkdtemp(prefix="mpp-drill-redis-"))
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock,
            ):
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return
            time.sleep(0.1)
        raise RuntimeError("the throwaway redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
        self._port_lock.close()


@contextlib.contextmanager
def throwaway_redis() -> Iterator[ThrowawayRedis]:
    server = ThrowawayRedis()
    try:
        server.start()
        yield server
    finally:
        server.destroy()
