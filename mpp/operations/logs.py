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
import re
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
