"""Structured logs: every line carries the request id, and `LOG_FORMAT=json` writes one JSON
object per line (what journald, Loki or any log shipper reads without parsing rules).

The request id comes from the proxy's `X-Request-ID` header when it is well-formed (nginx:
`proxy_set_header X-Request-ID $request_id;`), otherwise it is made here; it is sent back in
the response's `X-Request-ID` header, so a citizen's screenshot of an error page, the proxy's
access log and the application's log lines can be matched.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import threading
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

request_id_var: ContextVar[str] = ContextVar("mpp_request_id", default="-")

_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")

# Attributes every LogRecord has; anything else on a record came from `extra=` and is data.
_STANDARD = frozenset(
    vars(logging.LogRecord("x", logging.INFO, "x", 0, "x", None, None)).keys()
    | {"message", "asctime", "request_id"}
)


def new_request_id(incoming: str | None) -> str:
    """The proxy's id when it looks like one, else a fresh random one."""
    if incoming and _VALID_ID.match(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Adds `record.request_id` ("-" outside a request) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Django logs 4xx/5xx responses ("Not Found: /x") after the middleware has finished,
        # with the request attached: take the id from there.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request id,
    the `extra=` fields, and the traceback if any. JSON escaping also defuses log injection
    (a newline in a user-supplied value cannot start a forged line)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, int | float | bool | None) else str(value)
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class BatchedFileHandler(logging.Handler):
    """Appends records to a file in batches: `emit` only keeps the formatted line, and a
    thread of the process writes what gathered every `interval` seconds in one `write` (and
    at exit). The access log (`MPP_ACCESS_LOG_FILE`) uses it: a line per request written to
    standard error cost the app 55 µs of CPU against 29 µs here, and under `make prod-local`
    honcho's relay of every line through its second process another 0.28 ms — about 6 % of
    the machine's CPU per kiosk ticket (docs/performance.md, twelfth session).

    Several processes may append to the same file: each batch is one `write` of whole lines
    to a file opened with O_APPEND. When the file is moved away or deleted (logrotate without
    `copytruncate`), the next batch opens it anew. At most `max_lines` wait; beyond that
    (the disk stalls) lines are dropped and counted in the next batch's first line."""

    def __init__(self, filename: str, interval: float = 0.5, max_lines: int = 50_000) -> None:
        super().__init__()
        self.filename = os.path.abspath(filename)
        self.interval = interval
        self.max_lines = max_lines
        self._lines: list[str] = []
        self._dropped = 0
        self._write_lock = threading.Lock()
        self._fd: int | None = None
        self._inode: tuple[int, int] | None = None
        self._stop = threading.Event()
        self._failed = False
        # Nothing touches the file system or starts a thread until the first line: every
        # process of an installation reads the same settings (the worker, the scheduler, a
        # management command), and only the app server writes access lines.
        self._thread: threading.Thread | None = None

    def emit(self, record: logging.LogRecord) -> None:
        # logging.Handler.handle holds self.lock around this call.
        try:
            line = self.format(record)
        except Exception:
            self.handleError(record)
            return
        if len(self._lines) >= self.max_lines:
            self._dropped += 1
            return
        self._lines.append(line)
        if self._thread is None:
            # At exit logging.shutdown flushes and closes every handler, this one included.
            self._thread = threading.Thread(target=self._run, name="batched-log", daemon=True)
            self._thread.start()

    def _take(self) -> list[str]:
        self.acquire()
        try:
            lines, self._lines = self._lines, []
            if self._dropped:
                note = logging.LogRecord(
                    "mpp.logs", logging.WARNING, __file__, 0,
                    "%d lines of this log were dropped: the file could not keep up",
                    (self._dropped,), None,
                )  # fmt: skip
                note.request_id = "-"
                lines.insert(0, self.format(note))
                self._dropped = 0
            return lines
        finally:
            self.release()

    def _open(self) -> int:
        try:
            stat = os.stat(self.filename)
            current: tuple[int, int] | None = (stat.st_dev, stat.st_ino)
        except FileNotFoundError:
            current = None
        if self._fd is not None and current != self._inode:
            os.close(self._fd)  # rotated away: start a new file
            self._fd = None
        if self._fd is None:
            os.makedirs(os.path.dirname(self.filename), exist_ok=True)
            self._fd = os.open(self.filename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            stat = os.fstat(self._fd)
            self._inode = (stat.st_dev, stat.st_ino)
        return self._fd

    def flush(self) -> None:
        with self._write_lock:
            lines = self._take()
            if not lines:
                return
            data = ("\n".join(lines) + "\n").encode("utf-8", "replace")
            try:
                fd = self._open()
                while data:
                    data = data[os.write(fd, data) :]
            except OSError as exc:
                if not self._failed:  # say it once, on the process's standard error
                    self._failed = True
                    print(f"mpp: cannot write the log {self.filename}: {exc}", file=sys.stderr)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.flush()

    def close(self) -> None:
        self._stop.set()
        self.flush()
        with self._write_lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None
        super().close()
