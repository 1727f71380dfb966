"""Audit API: verify_audit_chain."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from mpp.audit.domain import checkpoint_row
from mpp.audit.models import AuditCheckpoint
from mpp.audit.queries import cached_reports, recent_checkpoints
from mpp.core.schemas import ErrorOut

router = Router(tags=["audit"])


class ChainReportOut(Schema):
    chain: str
    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    first_broken_seq: int | None
    reason: str


class CheckpointOut(Schema):
    chain: str
    day: str
    seq: int
    entry_hash: str


class VerifyOut(Schema):
    ok: bool
    chains: list[ChainReportOut]
    checkpoints: list[CheckpointOut]


@router.get(
    "/audit/verify",
    response={200: VerifyOut, 400: ErrorOut},
    operation_id="verify_audit_chain",
    summary="Verify the hash-chained audit trail and list the published daily digests",
)
def verify_audit_chain(request: HttpRequest) -> dict[str, Any]:
    reports = cached_reports()
    return {
        "ok": all(r["ok"] for r in reports),
        "chains": reports,
        "checkpoints": [
            {"chain": c.chain, "day": c.day.isoformat(), "seq": c.seq, "entry_hash": c.entry_hash}
            for c in recent_checkpoints()
        ],
    }


class PublishedCheckpointOut(Schema):
    chain: str
    mall_id: int | None
    day: str
    seq: int
    entry_hash: str
    published_at: str | None


class CheckpointFeedOut(Schema):
    schema_version: int
    checkpoints: list[PublishedCheckpointOut]


@router.get(
    "/audit/checkpoints",
    # 400: a request the API refuses before reading it (e.g. a NUL character anywhere).
    response={200: CheckpointFeedOut, 400: ErrorOut},
    operation_id="list_audit_checkpoints",
    summary="Open data: every published audit checkpoint (one chain per mall, one row per day)",
    description=(
        "Save this answer: `manage.py verify_audit_chain --checkpoints <file>` checks the "
        "chain against it later, so a history rewritten after today is caught even if the "
        "database's own checkpoints were deleted too."
    ),
)
def list_audit_checkpoints(request: HttpRequest, chain: str = "") -> dict[str, Any]:
    rows = AuditCheckpoint.objects.order_by("chain", "day")
    if chain:
        rows = rows.filter(chain=chain[:80])
    return {"schema_version": 1, "checkpoints": [checkpoint_row(c) for c in rows]}
