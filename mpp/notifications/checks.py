"""Checks of the configured channels (`manage.py check`, and `check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

from mpp.notifications.policy import _quiet_hours
from mpp.notifications.sms_gateways import configured_gateway

WHATSAPP_CLOUD = "mpp.notifications.senders.WhatsAppCloudSender"
HTTP_SMS = "mpp.notifications.senders.HttpSmsSender"


@register()
def check_channel_settings(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    problems: list[Any] = []
    try:
        _quiet_hours(settings.MPP_NOTIFY_QUIET_HOURS)
        configured_gateway()
    except ImproperlyConfigured as exc:
        problems.append(Error(str(exc), id="mpp.notifications.E001"))
    unknown = [c for c in settings.MPP_NOTIFY_CHANNELS if c not in {"whatsapp", "sms", "email"}]
    if unknown:
        problems.append(
            Error(
                f"MPP_NOTIFY_CHANNELS names unknown channels: {', '.join(unknown)}",
                hint="Use whatsapp, sms and email, in the order messages fall back.",
                id="mpp.notifications.E002",
            )
        )
    return problems


@register(Tags.security, deploy=True)
def check_gateways(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    warnings = []
    if settings.MPP_WHATSAPP_SENDER == WHATSAPP_CLOUD:
        missing = [
            name
            for name in ("WHATSAPP_TOKEN", "WHATSAPP_PHONE_NUMBER_ID", "WHATSAPP_APP_SECRET")
            if not getattr(settings, name)
        ]
        if missing:
            warnings.append(
                Warning(
                    f"WhatsApp is selected but {', '.join(missing)} is not set: messages fail "
                    "over to SMS and delivery reports are refused.",
                    hint="Set them from the WhatsApp Business app (docs/operations.md).",
                    id="mpp.notifications.W002",
                )
            )
        if not settings.WHATSAPP_TEMPLATES:
            warnings.append(
                Warning(
                    "No WhatsApp templates are named (WHATSAPP_TEMPLATES): outside the 24-hour "
                    "window every WhatsApp message falls back to SMS.",
                    id="mpp.notifications.W003",
                )
            )
    if settings.MPP_SMS_SENDER == HTTP_SMS and not (settings.SMS_API_URL and settings.SMS_API_KEY):
        warnings.append(
            Warning(
                "The HTTP SMS sender is selected but SMS_API_URL or SMS_API_KEY is not set.",
                id="mpp.notifications.W004",
            )
        )
    if settings.MPP_SMS_SENDER == HTTP_SMS and not settings.SMS_WEBHOOK_SECRET:
        warnings.append(
            Warning(
                "SMS_WEBHOOK_SECRET is not set: the gateway's delivery reports and STOP replies "
                "are refused.",
                id="mpp.notifications.W005",
            )
        )
    return warnings
