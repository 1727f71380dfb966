"""Start the application server in a process of its own, wait until it answers, stop it.

One helper for everything that needs a real server on this machine: the benchmarks in bench/
(embedded_bench.py, queue_load.py) and the tests that talk to a server over a socket
(tests/queueing/server.py). By default it runs ``python -m mpp.serve`` (the server of
`make run` and of production); the serving-path comparison passes another command.

Every wait is bounded; the server runs in its own session, so stopping it stops its worker
processes too (SIGTERM to the process group, SIGKILL if it does not stop in time).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A port nobody listens on now (the kernel picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_in_use(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def serve_command(port: int, *, workers: int = 1) -> list[str]:
    """The `make run` / production server on 127.0.0.1:`port`."""
    return [sys.executable, "-m", "mpp.serve", "--host", "127.0.0.1", "--port", str(port),
            "--workers", str(workers)]  # fmt: skip


def wait_until_ready(
    port: int, process: subprocess.Popen, *, path: str = "/healthz", timeout: float = 60
) -> None:
    """Poll GET `path` until it answers 200; RuntimeError if the server exits or takes longer
    than `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    return
            finally:
                conn.close()
        except OSError:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before answering")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not answer {path} within {timeout:.0f} s")
        time.sleep(0.2)


def stop(process: subprocess.Popen, *, timeout: float = 20) -> None:
    """SIGTERM to the server's process group, then SIGKILL if it has not stopped in time."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextlib.contextmanager
def running_server(
    env: Mapping[str, str],
    *,
    port: int | None = None,
    workers: int = 1,
    command: Sequence[str] | None = None,
    quiet: bool = False,
    timeout: float = 60,
) -> Iterator[tuple[int, subprocess.Popen]]:
    """Run the server (``python -m mpp.serve`` unless `command` is given; "{port}" in it is
    replaced) with exactly `env` as its environment; yield (port, process) once it answers
    /healthz; stop it on exit."""
    port = port or free_port()
    argv = (
        [part.replace("{port}", str(port)) for part in command]
        if command
        else serve_command(port, workers=workers)
    )
    process = subprocess.Popen(
        argv,
        cwd=ROOT,
        env=dict(env),
        start_new_session=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )
    try:
        wait_until_ready(port, process, timeout=timeout)
        yield port, process
    finally:
        stop(process)
