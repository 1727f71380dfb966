"""Callbacks of the providers: delivery reports and messages from citizens.

WhatsApp (Meta) signs every callback with HMAC-SHA256 of the raw body under the app secret,
in `X-Hub-Signature-256: sha256=<hex>`, and confirms the subscription with a GET carrying
`hub.verify_token`. SMS gateways that sign do it the same way in a header of their own
(`SMS_WEBHOOK_SIGNATURE_HEADER`, secret `SMS_WEBHOOK_SECRET`). A callback whose signature
does not verify changes nothing and gets 403; without a configured secret every callback is
refused, so nobody can forge delivery reports or opt a number out.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from mpp.notifications.domain import handle_inbound_message, record_delivery_report
from mpp.notifications.enums import DeliveryStatus, NotificationChannel
from mpp.notifications.sms_gateways import configured_gateway, dig, items

logger = logging.getLogger("mpp.notifications")

WHATSAPP_STATUS = {
    "sent": DeliveryStatus.SENT,
    "delivered": DeliveryStatus.DELIVERED,
    "read": DeliveryStatus.READ,
    "failed": DeliveryStatus.FAILED,
}


def signature_valid(body: bytes, secret: str, header: str) -> bool:
    """`header` is `sha256=<hex>` (or the bare hex) of HMAC-SHA256(secret, body)."""
    if not secret or not header:
        return False
    given = header.strip()
    if given.lower().startswith("sha256="):
        given = given[7:]
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, given.lower())


def _refused() -> JsonResponse:
    return JsonResponse(
        {"detail": _("The signature of this callback is missing or wrong.")}, status=403
    )


def _bad_payload() -> JsonResponse:
    return JsonResponse({"detail": _("The callback is not valid JSON.")}, status=400)


def _timestamp(raw: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(raw), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _whatsapp_text(message: dict[str, Any]) -> str:
    for path in ("text.body", "button.text", "interactive.button_reply.title"):
        value = dig(message, path)
        if value:
            return str(value)
    return ""


@csrf_exempt
@require_http_methods(["GET", "POST"])
def whatsapp(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        # Meta's subscription check: echo the challenge when the verify token matches.
        token = settings.WHATSAPP_VERIFY_TOKEN
        given = request.GET.get("hub.verify_token", "")
        if (
            request.GET.get("hub.mode") == "subscribe"
            and token
            and hmac.compare_digest(token.encode(), given.encode())
        ):
            return HttpResponse(
                request.GET.get("hub.challenge", "")[:200], content_type="text/plain"
            )
        return _refused()
    body = request.body
    if not signature_valid(
        body, settings.WHATSAPP_APP_SECRET, request.headers.get("X-Hub-Signature-256", "")
    ):
        logger.warning("WhatsApp callback with a bad signature refused")
        return _refused()
    try:
        payload = json.loads(body)
    except ValueError:
        return _bad_payload()
    reports = inbound = 0
    for entry in payload.get("entry", []) if isinstance(payload, dict) else []:
        for change in entry.get("changes", []) if isinstance(entry, dict) else []:
            value = change.get("value", {}) if isinstance(change, dict) else {}
            for status in value.get("statuses", []) or []:
                mapped = WHATSAPP_STATUS.get(str(status.get("status", "")))
                if mapped is None:
                    continue
                errors = status.get("errors") or []
                error = ""
                if errors and isinstance(errors[0], dict):
                    first = errors[0]
                    error = f"{first.get('code', '')} {first.get('title', '')}".strip()
                record_delivery_report(
                    status=mapped,
                    reference=str(status.get("biz_opaque_callback_data", "")),
                    provider_id=str(status.get("id", "")),
                    reported_at=_timestamp(status.get("timestamp")),
                    error=error,
                )
                reports += 1
            for message in value.get("messages", []) or []:
                handle_inbound_message(
                    channel=NotificationChannel.WHATSAPP,
                    sender="+" + str(message.get("from", "")).lstrip("+"),
                    text=_whatsapp_text(message),
                    received_at=_timestamp(message.get("timestamp")),
                )
                inbound += 1
    return JsonResponse({"reports": reports, "messages": inbound})


def _sms_payload(request: HttpRequest) -> tuple[Any, HttpResponse | None]:
    header = settings.SMS_WEBHOOK_SIGNATURE_HEADER
    if not signature_valid(
        request.body, settings.SMS_WEBHOOK_SECRET, request.headers.get(header, "")
    ):
        logger.warning("SMS callback with a bad signature refused")
        return None, _refused()
    if request.content_type == "application/x-www-form-urlencoded":
        return request.POST.dict(), None
    try:
        return json.loads(request.body), None
    except ValueError:
        return None, _bad_payload()


@csrf_exempt
@require_POST
def sms_status(request: HttpRequest) -> HttpResponse:
    payload, refused = _sms_payload(request)
    if refused is not None:
        return refused
    gateway = configured_gateway()
    applied = 0
    for item in items(payload, gateway.dlr_items_path):
        raw = str(dig(item, gateway.dlr_status_path) or "").strip().lower()
        status = gateway.dlr_status_map.get(raw)
        if status is None:
            continue
        error = dig(item, gateway.dlr_error_path) if gateway.dlr_error_path else ""
        row = record_delivery_report(
            status=status,
            reference=str(dig(item, gateway.dlr_reference_path) or ""),
            provider_id=str(dig(item, gateway.dlr_id_path) or ""),
            error=str(error or "") if status == DeliveryStatus.FAILED else "",
        )
        applied += row is not None
    return JsonResponse({"reports": applied})


@csrf_exempt
@require_POST
def sms_inbound(request: HttpRequest) -> HttpResponse:
    payload, refused = _sms_payload(request)
    if refused is not None:
        return refused
    gateway = configured_gateway()
    results = []
    for item in items(payload, gateway.inbound_items_path):
        results.append(
            handle_inbound_message(
                channel=NotificationChannel.SMS,
                sender=str(dig(item, gateway.inbound_from_path) or ""),
                text=str(dig(item, gateway.inbound_text_path) or ""),
            )
        )
    return JsonResponse({"messages": results})
