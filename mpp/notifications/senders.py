"""Where messages leave the platform.

E-mail always goes through Django's e-mail backend (SMTP in production). SMS and WhatsApp go
through the class named in `MPP_SMS_SENDER` / `MPP_WHATSAPP_SENDER`:

- `WhatsAppCloudSender`: the WhatsApp Business Cloud API (Meta). Free text only inside the
  24-hour window that opens when the citizen writes to us; otherwise the approved template of
  the message kind (`WHATSAPP_TEMPLATES`) with the kind's placeholders as body parameters.
- `HttpSmsSender`: any HTTP SMS gateway, by a configurable request shape
  (mpp/notifications/sms_gateways.py: presets for a plain JSON gateway, Zenziva, Infobip,
  Vonage).
- `LogSender`: writes the message to the log (development and the demo, whose "Kotak keluar"
  page shows what would have been sent).

A sender takes an `OutgoingMessage` and returns a `SendResult` (the provider's message id).
It raises `SendError` on failure: `permanent=True` when trying again cannot help (the message
then fails at once and the next channel is tried), otherwise it is retried with back-off.
Every request carries our `reference`, which the provider echoes in its status callbacks; that
is what lets a restarted worker tell a message that left from one that did not (ADR 0014).
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from mpp.core.phones import phone_digits, phone_national
from mpp.notifications import http
from mpp.notifications.enums import DeliveryStatus, NotificationChannel
from mpp.notifications.errors import SendError
from mpp.notifications.sms_gateways import configured_gateway, dig, fill_fields

logger = logging.getLogger("mpp.notifications")

__all__ = [
    "EmailSender",
    "HttpSmsSender",
    "LogSender",
    "OutgoingMessage",
    "SendError",
    "SendResult",
    "Sender",
    "WhatsAppCloudSender",
    "sender_for",
]


@dataclass(frozen=True)
class OutgoingMessage:
    channel: str
    to: str
    body: str
    subject: str = ""
    kind: str = ""
    language: str = "id"
    template: str = ""
    params: tuple[str, ...] = ()
    reference: str = ""
    #: The citizen wrote to us on WhatsApp in the last 24 hours: free text is allowed.
    window_open: bool = False


@dataclass(frozen=True)
class SendResult:
    provider_id: str = ""
    delivery_status: str = DeliveryStatus.UNKNOWN


class Sender(Protocol):
    def send(self, message: OutgoingMessage) -> SendResult: ...


def _retryable_http(status: int) -> bool:
    return status >= 500 or status in {408, 425, 429}


class EmailSender:
    def send(self, message: OutgoingMessage) -> SendResult:
        try:
            sent = send_mail(
                message.subject or " ".join(message.body.split("\n", 1)[0].split())[:60],
                message.body,
                settings.DEFAULT_FROM_EMAIL,
                [message.to],
                fail_silently=False,
            )
        except smtplib.SMTPRecipientsRefused as exc:
            raise SendError(f"the mail server refused the address: {exc}", permanent=True) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise SendError(f"{type(exc).__name__}: {exc}") from exc
        if sent != 1:
            raise SendError("the e-mail backend accepted no message")
        return SendResult(delivery_status=DeliveryStatus.SENT)


class LogSender:
    """Development sender: the message goes to the log (and so to the console)."""

    def send(self, message: OutgoingMessage) -> SendResult:
        logger.info("%s message to %s: %s", message.channel, message.to, message.body)
        return SendResult(provider_id=f"log:{message.reference}")


# --- WhatsApp Business Cloud API -------------------------------------------------------------

#: Error codes of the Cloud API worth retrying (throttling, temporary trouble at Meta).
WHATSAPP_RETRY_CODES = frozenset({1, 2, 4, 17, 341, 80007, 130429, 131000, 131016, 131056, 133004})
#: The 24-hour window is closed: free text is refused, a template would be accepted.
WHATSAPP_WINDOW_CLOSED = 131047


class WhatsAppCloudSender:
    """POST {WHATSAPP_API_URL}/{WHATSAPP_PHONE_NUMBER_ID}/messages with a bearer token."""

    def _endpoint(self) -> tuple[str, dict[str, str]]:
        token = settings.WHATSAPP_TOKEN
        phone_id = settings.WHATSAPP_PHONE_NUMBER_ID
        if not token or not phone_id:
            raise SendError(
                "WhatsApp is not configured (WHATSAPP_TOKEN, WHATSAPP_PHONE_NUMBER_ID)",
                permanent=True,
            )
        url = f"{settings.WHATSAPP_API_URL.rstrip('/')}/{phone_id}/messages"
        return url, {"Authorization": f"Bearer {token}"}

    def _payload(self, message: OutgoingMessage, *, as_template: bool) -> dict[str, object]:
        payload: dict[str, object] = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": phone_digits(message.to),
        }
        if message.reference:
            payload["biz_opaque_callback_data"] = message.reference
        if as_template:
            languages = settings.WHATSAPP_TEMPLATE_LANGUAGES
            template: dict[str, object] = {
                "name": message.template,
                "language": {
                    "policy": "deterministic",
                    "code": languages.get(message.language, message.language),
                },
            }
            if message.params:
                template["components"] = [
                    {
                        "type": "body",
                        "parameters": [{"type": "text", "text": p} for p in message.params],
                    }
                ]
            payload.update(type="template", template=template)
        else:
            payload.update(type="text", text={"preview_url": True, "body": message.body})
        return payload

    def _post(self, message: OutgoingMessage, *, as_template: bool) -> SendResult:
        url, headers = self._endpoint()
        answer = http.request(
            "POST", url, headers=headers, json_body=self._payload(message, as_template=as_template)
        )
        data = answer.json()
        if 200 <= answer.status < 300:
            message_id = dig(data, "messages.0.id")
            if not message_id:
                raise SendError(f"WhatsApp answered {answer.status} without a message id")
            return SendResult(provider_id=str(message_id), delivery_status=DeliveryStatus.ACCEPTED)
        error = dig(data, "error") or {}
        code = error.get("code") if isinstance(error, dict) else None
        detail = dig(error, "error_data.details") or dig(error, "message") or answer.text
        text = f"WhatsApp {answer.status} (code {code}): {detail}"
        if code == WHATSAPP_WINDOW_CLOSED:
            raise _WindowClosedError(text)
        retry = _retryable_http(answer.status) or code in WHATSAPP_RETRY_CODES
        raise SendError(text, permanent=not retry, retry_after=answer.retry_after)

    def send(self, message: OutgoingMessage) -> SendResult:
        if message.window_open:
            try:
                return self._post(message, as_template=False)
            except _WindowClosedError:
                if not message.template:
                    raise SendError(
                        f"the 24-hour window is closed and no template is set for {message.kind}",
                        permanent=True,
                    ) from None
        if not message.template:
            # Business-initiated WhatsApp needs an approved template: the next channel takes it.
            raise SendError(
                f"no approved WhatsApp template for {message.kind!r} "
                "(WHATSAPP_TEMPLATES) and no open 24-hour window",
                permanent=True,
            )
        try:
            return self._post(message, as_template=True)
        except _WindowClosedError as exc:  # pragma: no cover - templates are not window-bound
            raise SendError(str(exc), permanent=True) from exc


class _WindowClosedError(SendError):
    def __init__(self, message: str) -> None:
        super().__init__(message, permanent=True)


# --- HTTP SMS gateway --------------------------------------------------------------------------


class HttpSmsSender:
    """One request per message to SMS_API_URL, shaped by SMS_GATEWAY (sms_gateways.py)."""

    def send(self, message: OutgoingMessage) -> SendResult:
        url = settings.SMS_API_URL
        if not url:
            raise SendError("SMS is not configured (SMS_API_URL)", permanent=True)
        gateway = configured_gateway()
        digits = phone_digits(message.to)
        values = {
            "to": message.to,
            "to_digits": digits,
            "to_local": phone_national(message.to),
            "text": message.body,
            "sender": settings.SMS_SENDER_ID,
            "reference": message.reference,
            "api_key": settings.SMS_API_KEY,
            "api_user": settings.SMS_API_USER,
        }
        body = fill_fields(gateway.fields, values)
        headers = {k: fill_fields(v, values) for k, v in gateway.headers.items()}
        if gateway.format == "json":
            answer = http.request(gateway.method, url, headers=headers, json_body=body)
        else:
            form = {str(k): str(v) for k, v in body.items()}
            answer = http.request(gateway.method, url, headers=headers, form=form)
        if not 200 <= answer.status < 300:
            raise SendError(
                f"SMS gateway answered {answer.status}: {answer.text}",
                permanent=not _retryable_http(answer.status),
                retry_after=answer.retry_after,
            )
        data = answer.json()
        if gateway.success_path:
            verdict = dig(data, gateway.success_path)
            verdict = "" if verdict is None else str(verdict)
            if verdict not in gateway.success_values:
                raise SendError(
                    f"SMS gateway refused the message ({verdict or 'no status'}): {answer.text}",
                    permanent=verdict not in gateway.retry_values,
                )
        provider_id = dig(data, gateway.id_path) if data is not None else None
        return SendResult(
            provider_id=str(provider_id or ""), delivery_status=DeliveryStatus.ACCEPTED
        )


@lru_cache(maxsize=8)
def _load(path: str) -> Sender:
    return import_string(path)()


def sender_for(channel: str) -> Sender:
    if channel == NotificationChannel.EMAIL:
        return EmailSender()
    if channel == NotificationChannel.SMS:
        return _load(settings.MPP_SMS_SENDER)
    if channel == NotificationChannel.WHATSAPP:
        return _load(settings.MPP_WHATSAPP_SENDER)
    raise SendError(f"unknown channel {channel!r}", permanent=True)
