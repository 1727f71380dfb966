"""Deployment checks of the keys (`manage.py check --deploy`; issue 10 points 7 and 8).

A release runs `check --deploy --fail-level ERROR` (deploy/systemd/mpp-release.service,
deploy/prod-local.sh, the container's release role), so every Error here stops a production
start: SECRET_KEY unset or a demo key, the audit key missing, equal to SECRET_KEY or a demo
key. docs/security.md ("Keys") lists them and the variables that clear them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.utils.module_loading import import_string

# Parts of every key this project ever shipped as a default or an example: a key that
# contains one of them was copied from the code or the docs and is public.
DEMO_MARKERS = ("insecure", "change-me", "changeme", "demo-key", "example-key")
MIN_KEY_LENGTH = 32


def is_demo_key(value: str) -> bool:
    lowered = value.lower()
    return value == settings.DEMO_SECRET_KEY or any(m in lowered for m in DEMO_MARKERS)


def _weak(value: str) -> bool:
    return len(value) < MIN_KEY_LENGTH or len(set(value)) < 8


@register(Tags.security, deploy=True)
def check_secret_key(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    key = settings.SECRET_KEY
    if key == settings.DEMO_SECRET_KEY or is_demo_key(key):
        return [
            Error(
                "SECRET_KEY is not set or is a published demo key: sessions, sign-in links and "
                "password resets can be forged by anyone who read the code.",
                hint="Generate one (docs/operations.md §5, 'Keys') and set SECRET_KEY.",
                id="mpp.E001",
            )
        ]
    if _weak(key):
        return [
            Error(
                f"SECRET_KEY is too short or too simple (at least {MIN_KEY_LENGTH} characters).",
                hint="Generate one (docs/operations.md §5, 'Keys').",
                id="mpp.E002",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_audit_key(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    key = settings.AUDIT_HMAC_KEY
    hint = "Generate one (docs/operations.md §5, 'Keys') and set AUDIT_HMAC_KEY."
    if not key:
        return [
            Error(
                "AUDIT_HMAC_KEY is not set: the audit trail is keyed from SECRET_KEY.",
                hint=hint,
                id="mpp.audit.E001",
            )
        ]
    if key == settings.SECRET_KEY:
        return [
            Error(
                "AUDIT_HMAC_KEY equals SECRET_KEY: whoever holds the web servers' key can "
                "rewrite the audit trail.",
                hint=hint,
                id="mpp.audit.E002",
            )
        ]
    if is_demo_key(key) or _weak(key):
        return [
            Error(
                "AUDIT_HMAC_KEY is a demo key, or too short or too simple "
                f"(at least {MIN_KEY_LENGTH} characters).",
                hint=hint,
                id="mpp.audit.E003",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_checkpoint_file(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.AUDIT_CHECKPOINT_FILE:
        return []
    return [
        Warning(
            "AUDIT_CHECKPOINT_FILE is not set: audit checkpoints are published only inside the "
            "database, where an insider can delete them with the events they vouch for.",
            hint="Set AUDIT_CHECKPOINT_FILE to a file outside the database and copy it off "
            "the server nightly (docs/security.md, 'Audit trail').",
            id="mpp.audit.W001",
        )
    ]


@register(Tags.security, deploy=True)
def check_frame_options(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Stands in for Django's security.W002 (silenced in settings): that check looks for
    Django's middleware by its dotted name, ours is a subclass (mpp/core/lean.py)."""
    for path in settings.MIDDLEWARE:
        try:
            cls = import_string(path)
        except ImportError:
            continue
        if isinstance(cls, type) and issubclass(cls, XFrameOptionsMiddleware):
            return []
    return [
        Error(
            "No X-Frame-Options middleware is installed: pages can be framed (clickjacking).",
            hint="Keep mpp.core.lean.XFrameOptionsMiddleware in MIDDLEWARE.",
            id="mpp.E004",
        )
    ]
