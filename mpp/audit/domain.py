"""Appending to and verifying the audit trail.

`record_event` must be called inside the transaction of the change it records, so the event
exists exactly when the change does. It locks the chain head: on PostgreSQL with
SELECT … FOR UPDATE, on SQLite through the IMMEDIATE write transaction that already holds the
database's single write lock. The unique (chain, seq) constraint is the last line of defence
against a forked chain.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from mpp.audit.hashing import GENESIS, assert_no_floats, chain_hash, entry_fields
from mpp.audit.models import AuditChainHead, AuditCheckpoint, AuditEvent


def chain_for_mall(mall_id: int | None) -> str:
    return f"mall:{mall_id}" if mall_id is not None else "global"


def _actor(actor: Any) -> tuple[int | None, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, str(actor) if isinstance(actor, str) else ""
    return int(actor.pk), str(actor.get_username())


def record_event(
    *,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    mall_id: int | None = None,
    actor: Any = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the mall's chain and return it.

    `actor` is a user, a label such as "system:load_demo", or None. `data` holds what changed
    (field names with old/new values); personal identifiers must be masked by the caller.
    Must run inside `transaction.atomic()` (it opens one itself otherwise).
    """
    data = data or {}
    assert_no_floats(data)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        if mall_id is None:
            mall_id = getattr(obj, "mall_id", None)
    chain = chain_for_mall(mall_id)
    actor_id, actor_label = _actor(actor)
    with transaction.atomic():
        AuditChainHead.objects.bulk_create([AuditChainHead(chain=chain)], ignore_conflicts=True)
        head = AuditChainHead.objects.select_for_update().get(chain=chain)
        seq = head.last_seq + 1
        prev_hash = head.last_hash or GENESIS
        created_at = timezone.now()
        fields = entry_fields(
            chain=chain,
            seq=seq,
            created_at=created_at,
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            object_type=object_type,
            object_id=object_id,
            mall_id=mall_id,
            data=data,
        )
        entry_hash = chain_hash(prev_hash, fields)
        event = AuditEvent.objects.create(
            chain=chain,
            seq=seq,
            created_at=created_at,
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            object_type=object_type,
            object_id=object_id,
            mall_id=mall_id,
            data=data,
            prev_hash=prev_hash,
            entry_hash=entry_hash,
        )
        AuditChainHead.objects.filter(pk=head.pk).update(last_seq=seq, last_hash=entry_hash)
    return event


@dataclass
class ChainReport:
    chain: str
    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    first_broken_seq: int | None = None
    reason: str = ""


def _events(chain: str) -> Iterator[AuditEvent]:
    return AuditEvent.objects.filter(chain=chain).order_by("seq").iterator(chunk_size=2000)


def _event_fault(
    event: AuditEvent, expected_seq: int, prev_hash: str, checkpoints: dict[int, str]
) -> tuple[int, str] | None:
    """(seq, reason) of what is wrong with this event, or None when it checks out."""
    if event.seq != expected_seq:
        return expected_seq, f"event {expected_seq} is missing"
    if event.prev_hash != prev_hash:
        return event.seq, "does not link to the previous event"
    fields = entry_fields(
        chain=event.chain,
        seq=event.seq,
        created_at=event.created_at,
        actor_id=event.actor_id,
        actor_label=event.actor_label,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        mall_id=event.mall_id,
        data=event.data,
    )
    if chain_hash(prev_hash, fields) != event.entry_hash:
        return event.seq, "content was changed"
    published = checkpoints.get(event.seq)
    if published is not None and published != event.entry_hash:
        return event.seq, "differs from the published checkpoint"
    return None


def verify_chain(chain: str) -> ChainReport:
    """Recompute every hash of the chain from the genesis and name the first broken event.

    Detects: an edited field (hash mismatch), a deleted event (gap in seq), reordering or a
    spliced event (prev_hash mismatch), a truncated tail (the head says more than the table
    has), and a rewritten chain that no longer matches a published checkpoint.
    """
    head = AuditChainHead.objects.filter(chain=chain).first()
    checkpoints = dict(AuditCheckpoint.objects.filter(chain=chain).values_list("seq", "entry_hash"))
    prev_hash = GENESIS
    checked = 0
    fault: tuple[int, str] | None = None
    for event in _events(chain):
        fault = _event_fault(event, checked + 1, prev_hash, checkpoints)
        if fault is not None:
            break
        prev_hash = event.entry_hash
        checked += 1
    head_disagrees = head is not None and (
        head.last_seq != checked or (head.last_hash or GENESIS) != prev_hash
    )
    if fault is None and head_disagrees:
        fault = (checked + 1, "events after the last one were removed")
    if fault is None:
        beyond = [seq for seq in checkpoints if seq > checked]
        if beyond:
            fault = (min(beyond), "a published checkpoint is missing from the chain")
    if fault is not None:
        return ChainReport(chain, False, checked, checked, prev_hash, fault[0], fault[1])
    return ChainReport(chain, True, checked, checked, prev_hash)


def all_chains() -> list[str]:
    names = set(AuditChainHead.objects.values_list("chain", flat=True))
    names.update(AuditEvent.objects.values_list("chain", flat=True).distinct())
    return sorted(names)


def verify_all() -> list[ChainReport]:
    return [verify_chain(chain) for chain in all_chains()]


def publish_checkpoints(*, day: date | None = None) -> list[AuditCheckpoint]:
    """Record today's head of every chain (the daily digest). Idempotent per day: a second
    call the same day moves the checkpoint forward to the current head."""
    day = day or timezone.localdate()
    published = []
    for head in AuditChainHead.objects.filter(last_seq__gt=0).order_by("chain"):
        checkpoint, _created = AuditCheckpoint.objects.update_or_create(
            chain=head.chain,
            day=day,
            defaults={"seq": head.last_seq, "entry_hash": head.last_hash},
        )
        published.append(checkpoint)
    return published
