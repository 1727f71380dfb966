"""One small HTTP client for the gateways (standard library only: no extra dependency on the
web processes). Time-outs and connection failures raise `SendError` (retried); every HTTP
answer, error or not, comes back as an `HttpAnswer` for the sender to classify."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from mpp.notifications.errors import SendError

#: Answers bigger than this are cut: we only read ids and error codes from them.
MAX_ANSWER_BYTES = 64 * 1024


@dataclass(frozen=True)
class HttpAnswer:
    status: int
    body: bytes
    headers: dict[str, str]

    def json(self) -> Any:
        try:
            return json.loads(self.body.decode("utf-8", errors="replace"))
        except ValueError:
            return None

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")[:300]

    @property
    def retry_after(self) -> int | None:
        raw = self.headers.get("retry-after", "")
        return int(raw) if raw.isdigit() else None


def request(
    method: str,
    url: str,
    *,
    headers: dict[str, str] | None = None,
    json_body: Any = None,
    form: dict[str, str] | None = None,
    timeout: float | None = None,
) -> HttpAnswer:
    """Send one request; never follows a redirect into another scheme (urllib's default
    handlers only follow http(s))."""
    if not url.startswith(("https://", "http://")):
        raise SendError(f"gateway URL must be http(s): {url[:60]!r}", permanent=True)
    data: bytes | None = None
    all_headers = {"Accept": "application/json", "User-Agent": "MPP-notifications/1"}
    if json_body is not None:
        data = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
        all_headers["Content-Type"] = "application/json; charset=utf-8"
    elif form is not None and method.upper() == "GET":
        separator = "&" if "?" in url else "?"
        url = url + separator + urllib.parse.urlencode(form)
    elif form is not None:
        data = urllib.parse.urlencode(form).encode("utf-8")
        all_headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
    all_headers.update(headers or {})
    req = urllib.request.Request(url, data=data, headers=all_headers, method=method.upper())  # noqa: S310 - scheme checked above
    limit = timeout if timeout is not None else float(settings.MPP_NOTIFY_HTTP_TIMEOUT)
    try:
        with urllib.request.urlopen(req, timeout=limit) as response:  # noqa: S310 - scheme checked above
            return HttpAnswer(
                status=response.status,
                body=response.read(MAX_ANSWER_BYTES),
                headers={k.lower(): v for k, v in response.headers.items()},
            )
    except urllib.error.HTTPError as exc:
        body = exc.read(MAX_ANSWER_BYTES) if exc.fp is not None else b""
        return HttpAnswer(
            status=exc.code,
            body=body,
            headers={k.lower(): v for k, v in (exc.headers or {}).items()},
        )
    except TimeoutError as exc:
        raise SendError(f"time-out after {limit:g} s") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise SendError(f"time-out after {limit:g} s") from exc
        raise SendError(f"cannot reach the gateway: {exc.reason}") from exc
    except (ConnectionError, OSError) as exc:
        raise SendError(f"connection failed: {exc}") from exc
