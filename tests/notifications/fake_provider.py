"""A local fake of the providers: a real HTTP server, started by a test, that plays the
WhatsApp Business Cloud API and an HTTP SMS gateway.

It records every request (method, path, headers, body) and answers from a script
(`provider.answer(...)`: status, JSON body, delay before answering — a delay longer than the
client's time-out is a time-out), falling back to the provider's normal success answer. It also
builds the provider's signed status callbacks and can deliver them to our webhook over HTTP.
Nothing of our own code is replaced: the senders talk to it exactly as to the real provider.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body.decode()) if self.body else None

    @property
    def form(self) -> dict[str, str]:
        from urllib.parse import parse_qsl

        return dict(parse_qsl(self.body.decode()))


@dataclass
class Answer:
    status: int = 200
    body: Any = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


class FakeProvider:
    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._script: dict[str, deque[Answer]] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                provider._handle(self)

            def do_GET(self) -> None:
                provider._handle(self)

            def log_message(self, *args: Any) -> None:  # keep the test output clean
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- scripting ----------------------------------------------------------------------

    def answer(
        self,
        path_prefix: str,
        *,
        status: int = 200,
        body: Any = None,
        delay: float = 0.0,
        times: int = 1,
        headers: dict[str, str] | None = None,
    ) -> None:
        """The next `times` requests to a path starting with `path_prefix` get this answer."""
        with self._lock:
            queue = self._script.setdefault(path_prefix, deque())
            for _ in range(times):
                queue.append(Answer(status, body, delay, headers or {}))

    def _scripted(self, path: str) -> Answer | None:
        with self._lock:
            for prefix, queue in self._script.items():
                if path.startswith(prefix) and queue:
                    return queue.popleft()
        return None

    def _default(self, path: str) -> Answer:
        n = next(self._ids)
        if path.endswith("/messages"):  # WhatsApp Cloud API
            return Answer(
                body={
                    "messaging_product": "whatsapp",
                    "contacts": [{"input": "x", "wa_id": "x"}],
                    "messages": [{"id": f"wamid.FAKE{n}"}],
                }
            )
        return Answer(body={"id": f"sms-{n}", "status": "queued"})

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        with self._lock:
            self.requests.append(
                Recorded(handler.command, handler.path, dict(handler.headers.items()), body)
            )
        answer = self._scripted(handler.path) or self._default(handler.path)
        if answer.delay:
            time.sleep(answer.delay)
        payload = json.dumps(answer.body if answer.body is not None else {}).encode()
        try:
            handler.send_response(answer.status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(payload)))
            for name, value in answer.headers.items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a time-out)
            pass

    def sent(self, path_part: str = "") -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if path_part in r.path]

    # --- callbacks ----------------------------------------------------------------------

    @staticmethod
    def sign(body: bytes, secret: str) -> str:
        return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()

    @staticmethod
    def whatsapp_status(
        message_id: str,
        status: str,
        *,
        reference: str = "",
        recipient: str = "6281234567890",
        errors: list[dict[str, Any]] | None = None,
        timestamp: int | None = None,
    ) -> dict[str, Any]:
        timestamp = timestamp or int(time.time())
        item: dict[str, Any] = {
            "id": message_id,
            "status": status,
            "timestamp": str(timestamp),
            "recipient_id": recipient,
        }
        if reference:
            item["biz_opaque_callback_data"] = reference
        if errors:
            item["errors"] = errors
        return item

    @staticmethod
    def whatsapp_callback(
        *,
        statuses: list[dict[str, Any]] | None = None,
        messages: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        value: dict[str, Any] = {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "6281100000000", "phone_number_id": "1234"},
        }
        if statuses:
            value["statuses"] = statuses
        if messages:
            value["messages"] = messages
        return {
            "object": "whatsapp_business_account",
            "entry": [{"id": "WABA", "changes": [{"field": "messages", "value": value}]}],
        }

    @staticmethod
    def whatsapp_reply(sender: str, text: str, timestamp: int | None = None) -> dict[str, Any]:
        timestamp = timestamp or int(time.time())
        return {
            "from": sender,
            "id": f"wamid.IN{timestamp}",
            "timestamp": str(timestamp),
            "type": "text",
            "text": {"body": text},
        }

    def deliver_callback(
        self, url: str, payload: dict[str, Any], *, secret: str, header: str = "X-Hub-Signature-256"
    ) -> tuple[int, Any]:
        """POST a signed callback to our webhook over HTTP, as the provider does."""
        body = json.dumps(payload).encode()
        request = urllib.request.Request(  # noqa: S310 - the test's own live server
            url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", header: self.sign(body, secret)},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - test server
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"null")
