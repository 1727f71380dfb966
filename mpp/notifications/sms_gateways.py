"""Request and callback shapes of HTTP SMS gateways.

Indonesian installations buy SMS from a local aggregator (Zenziva and many smaller ones that
take a form post or a JSON body with a key) or an international one with an Indonesian route
(Infobip, Vonage). Rather than one class per vendor, `HttpSmsSender` fills a *shape*: where the
number, the text, the key and our reference go in the request; where the provider's message id
and its verdict are in the answer; where the id, our reference and the status are in its
delivery reports; where the sender and the text are in an incoming message. `SMS_GATEWAY`
picks a preset; the `SMS_REQUEST_*`/`SMS_RESPONSE_*`/`SMS_DLR_*` settings override single
parts of it, so a gateway without a preset is configured, not coded (docs/operations.md).

Placeholders in request fields and headers: {to} (E.164, +62…), {to_digits} (62…),
{to_local} (08…), {text}, {sender}, {reference} (our id, echoed in reports),
{api_key}, {api_user}.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from mpp.notifications.enums import DeliveryStatus

_FIELD = re.compile(r"\{(to|to_digits|to_local|text|sender|reference|api_key|api_user)\}")

_COMMON_STATUS = {
    "accepted": DeliveryStatus.ACCEPTED,
    "queued": DeliveryStatus.ACCEPTED,
    "buffered": DeliveryStatus.ACCEPTED,
    "pending": DeliveryStatus.ACCEPTED,
    "submitted": DeliveryStatus.ACCEPTED,
    "sent": DeliveryStatus.SENT,
    "delivered": DeliveryStatus.DELIVERED,
    "read": DeliveryStatus.READ,
    "failed": DeliveryStatus.FAILED,
    "undelivered": DeliveryStatus.FAILED,
    "undeliverable": DeliveryStatus.FAILED,
    "rejected": DeliveryStatus.FAILED,
    "expired": DeliveryStatus.FAILED,
}


@dataclass(frozen=True)
class SmsGateway:
    name: str
    method: str = "POST"
    #: "json" (body), "form" (urlencoded body, or the query string with GET)
    format: str = "json"
    fields: Any = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    #: Dotted path to the provider's message id in the answer ("messages.0.messageId").
    id_path: str = "id"
    #: When set, the answer is a success only if the value there is one of `success_values`
    #: (gateways that answer 200 with an error inside); values in `retry_values` are retried.
    success_path: str = ""
    success_values: tuple[str, ...] = ()
    retry_values: tuple[str, ...] = ()
    dlr_items_path: str = ""
    dlr_id_path: str = "id"
    dlr_reference_path: str = "reference"
    dlr_status_path: str = "status"
    dlr_error_path: str = "error"
    dlr_status_map: dict[str, str] = field(default_factory=lambda: dict(_COMMON_STATUS))
    inbound_items_path: str = ""
    inbound_from_path: str = "from"
    inbound_text_path: str = "text"


PRESETS: dict[str, SmsGateway] = {
    # A plain JSON gateway: the shape most Indonesian aggregators offer in some variant.
    "json": SmsGateway(
        name="json",
        fields={"to": "{to}", "text": "{text}", "sender": "{sender}", "reference": "{reference}"},
        headers={"Authorization": "Bearer {api_key}"},
    ),
    # Zenziva (console.zenziva.net, "reguler" API): form post of userkey/passkey/to/message;
    # answers {"messageId": …, "to": …, "status": "1", "text": "Success"}.
    "zenziva": SmsGateway(
        name="zenziva",
        format="form",
        fields={
            "userkey": "{api_user}",
            "passkey": "{api_key}",
            "to": "{to_local}",
            "message": "{text}",
        },
        id_path="messageId",
        success_path="status",
        success_values=("1",),
    ),
    # Infobip (/sms/2/text/advanced): our reference goes out as the message id and the
    # callback data, and comes back in the delivery reports (results[]).
    "infobip": SmsGateway(
        name="infobip",
        fields={
            "messages": [
                {
                    "destinations": [{"to": "{to_digits}", "messageId": "{reference}"}],
                    "from": "{sender}",
                    "text": "{text}",
                    "callbackData": "{reference}",
                }
            ]
        },
        headers={"Authorization": "App {api_key}"},
        id_path="messages.0.messageId",
        dlr_items_path="results",
        dlr_id_path="messageId",
        dlr_reference_path="callbackData",
        dlr_status_path="status.groupName",
        dlr_error_path="error.name",
        dlr_status_map={
            "pending": DeliveryStatus.ACCEPTED,
            "delivered": DeliveryStatus.DELIVERED,
            "undeliverable": DeliveryStatus.FAILED,
            "rejected": DeliveryStatus.FAILED,
            "expired": DeliveryStatus.FAILED,
        },
        inbound_items_path="results",
        inbound_from_path="from",
        inbound_text_path="cleanText",
    ),
    # Vonage (rest.nexmo.com/sms/json): status "0" is success; 1 (throttled) and 5 (internal
    # error) are worth retrying. Reports carry messageId, client-ref and status.
    "vonage": SmsGateway(
        name="vonage",
        format="form",
        fields={
            "api_key": "{api_user}",
            "api_secret": "{api_key}",
            "from": "{sender}",
            "to": "{to_digits}",
            "text": "{text}",
            "type": "unicode",
            "client-ref": "{reference}",
        },
        id_path="messages.0.message-id",
        success_path="messages.0.status",
        success_values=("0",),
        retry_values=("1", "5"),
        dlr_id_path="messageId",
        dlr_reference_path="client-ref",
        dlr_status_path="status",
        dlr_error_path="err-code",
        inbound_from_path="msisdn",
        inbound_text_path="text",
    ),
}


def _json_setting(name: str) -> Any:
    raw = getattr(settings, name, "")
    if not raw:
        return None
    if not isinstance(raw, str):
        return raw
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be JSON: {exc}") from exc


def configured_gateway() -> SmsGateway:
    """The preset named in SMS_GATEWAY with the single-part overrides applied."""
    name = getattr(settings, "SMS_GATEWAY", "json") or "json"
    if name not in PRESETS:
        raise ImproperlyConfigured(
            f"SMS_GATEWAY must be one of {', '.join(sorted(PRESETS))}, got {name!r}"
        )
    gateway = PRESETS[name]
    changes: dict[str, Any] = {}
    if (fields := _json_setting("SMS_REQUEST_FIELDS")) is not None:
        changes["fields"] = fields
    if (headers := _json_setting("SMS_REQUEST_HEADERS")) is not None:
        changes["headers"] = {str(k): str(v) for k, v in headers.items()}
    for setting_name, attribute in (
        ("SMS_REQUEST_METHOD", "method"),
        ("SMS_REQUEST_FORMAT", "format"),
        ("SMS_RESPONSE_ID_PATH", "id_path"),
        ("SMS_RESPONSE_SUCCESS_PATH", "success_path"),
        ("SMS_DLR_ID_PATH", "dlr_id_path"),
        ("SMS_DLR_REFERENCE_PATH", "dlr_reference_path"),
        ("SMS_DLR_STATUS_PATH", "dlr_status_path"),
    ):
        value = getattr(settings, setting_name, "")
        if value:
            changes[attribute] = value
    values = getattr(settings, "SMS_RESPONSE_SUCCESS_VALUES", "")
    if values:
        changes["success_values"] = tuple(v.strip() for v in values.split(",") if v.strip())
    gateway = replace(gateway, **changes)
    if gateway.format not in {"json", "form"}:
        raise ImproperlyConfigured("SMS_REQUEST_FORMAT must be json or form")
    return gateway


def fill_fields(template: Any, values: dict[str, str]) -> Any:
    """The request template with every placeholder replaced (recursively in lists/dicts)."""
    if isinstance(template, str):
        return _FIELD.sub(lambda m: values.get(m.group(1), ""), template)
    if isinstance(template, dict):
        return {str(k): fill_fields(v, values) for k, v in template.items()}
    if isinstance(template, list):
        return [fill_fields(v, values) for v in template]
    return template


def dig(data: Any, path: str) -> Any:
    """The value at a dotted path ("messages.0.messageId"); None when absent."""
    if not path:
        return data
    current = data
    for part in path.split("."):
        if isinstance(current, dict):
            current = current.get(part)
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            return None
        if current is None:
            return None
    return current


def items(data: Any, path: str) -> list[dict[str, Any]]:
    """The report objects of a callback: the list at `path`, or the payload itself."""
    found = dig(data, path)
    if isinstance(found, list):
        return [item for item in found if isinstance(item, dict)]
    if isinstance(found, dict):
        return [found]
    return []
