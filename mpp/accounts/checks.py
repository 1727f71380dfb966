"""Deployment checks of personal-data protection (run by `manage.py check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from mpp.accounts import crypto


@register(Tags.security, deploy=True)
def check_personal_data_keys(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    warnings: list[CheckMessage] = []
    if crypto.uses_derived_keys():
        warnings.append(
            # An error, not a warning: production refuses derived keys (issue 10.8).
            Error(
                "FIELD_ENCRYPTION_KEY and NIK_HMAC_KEY are not both set: NIKs and uploaded "
                "documents are encrypted with a key derived from SECRET_KEY.",
                hint="Set both from a secrets store (docs/operations.md §5, 'Keys').",
                id="mpp.accounts.E001",
            )
        )
    if settings.MPP_SMS_SENDER.endswith(".LogSender"):
        warnings.append(
            Warning(
                "SMS messages (including one-time codes) go to the log.",
                hint="Set MPP_SMS_SENDER to your SMS gateway's sender class.",
                id="mpp.notifications.W001",
            )
        )
    return warnings
