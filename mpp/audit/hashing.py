"""Canonical serialisation and the chain hash.

entry_hash = HMAC-SHA256(key, prev_hash || canonical_json(entry)). Canonical JSON: sorted keys,
no insignificant white space, UTF-8, no floats (a float's text form is not stable across
databases, so `record_event` refuses them), times as UTC ISO-8601 with microseconds.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any

from django.conf import settings

GENESIS = "0" * 64


def audit_key() -> bytes:
    key = getattr(settings, "AUDIT_HMAC_KEY", "") or settings.SECRET_KEY
    return hashlib.sha256(("mpp-audit:" + key).encode()).digest()


def canonical_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_bytes(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_fields(
    *,
    chain: str,
    seq: int,
    created_at: datetime,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    mall_id: int | None,
    data: dict[str, Any],
) -> dict[str, Any]:
    return {
        "chain": chain,
        "seq": seq,
        "created_at": canonical_time(created_at),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "mall_id": mall_id,
        "data": data,
    }


def chain_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return hmac.new(
        audit_key(), prev_hash.encode() + canonical_bytes(fields), hashlib.sha256
    ).hexdigest()


def assert_no_floats(value: Any, path: str = "data") -> None:
    if isinstance(value, float):
        raise TypeError(f"{path}: floats are not allowed in audit data; use str or int")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{path}: keys must be strings")
            assert_no_floats(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            assert_no_floats(item, f"{path}[{index}]")
