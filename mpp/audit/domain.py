"""Appending to and verifying the audit trail.

`record_event` must be called inside the transaction of the change it records, so the event
exists exactly when the change does. It locks the chain head: on PostgreSQL with
SELECT … FOR UPDATE, on SQLite through the IMMEDIATE write transaction that already holds the
database's single write lock. The unique (chain, seq) constraint is the last line of defence
against a forked chain.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
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


# A published checkpoint: (seq, entry_hash) of one chain, from the database table or from a
# copy kept outside it (the checkpoint file, a download of the open-data feed).
Checkpoints = dict[int, set[str]]


def read_checkpoint_lines(lines: Iterable[str]) -> dict[str, Checkpoints]:
    """Parse published checkpoints: JSON lines as `publish_checkpoints` appends them, or the
    open-data feed (`GET /api/v1/audit/checkpoints`, one JSON object with "checkpoints").
    Returns chain -> seq -> hashes; a line that is not a checkpoint is skipped."""
    text = "\n".join(lines).strip()
    rows: list[Any] = []
    if text.startswith("{") and '"checkpoints"' in text.split("\n", 1)[0]:
        try:
            rows = list(json.loads(text).get("checkpoints", []))
        except (ValueError, AttributeError):
            rows = []
    else:
        for line in text.splitlines():
            try:
                rows.append(json.loads(line))
            except ValueError:
                continue
    found: dict[str, Checkpoints] = {}
    for row in rows:
        if not isinstance(row, dict):
            continue
        chain, seq, entry_hash = row.get("chain"), row.get("seq"), row.get("entry_hash")
        if isinstance(chain, str) and isinstance(seq, int) and isinstance(entry_hash, str):
            found.setdefault(chain, {}).setdefault(seq, set()).add(entry_hash)
    return found


def read_checkpoint_file(path: str | Path | None = None) -> dict[str, Checkpoints]:
    """The checkpoints of the file outside the database (AUDIT_CHECKPOINT_FILE by default);
    empty when no file is configured or it does not exist yet."""
    path = path if path is not None else settings.AUDIT_CHECKPOINT_FILE
    if not path or not Path(path).exists():
        return {}
    with open(path, encoding="utf-8") as handle:
        return read_checkpoint_lines(handle.read().splitlines())


def _stored_checkpoints(chain: str) -> Checkpoints:
    found: Checkpoints = {}
    for seq, entry_hash in AuditCheckpoint.objects.filter(chain=chain).values_list(
        "seq", "entry_hash"
    ):
        found.setdefault(seq, set()).add(entry_hash)
    return found


def _event_fault(
    event: AuditEvent, expected_seq: int, prev_hash: str, checkpoints: Checkpoints
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
    published = checkpoints.get(event.seq, set())
    if published - {event.entry_hash}:
        return event.seq, "differs from the published checkpoint"
    return None


def verify_chain(
    chain: str,
    *,
    published: dict[str, Checkpoints] | None = None,
    restored: bool = False,
) -> ChainReport:
    """Recompute every hash of the chain from the genesis and name the first broken event.

    Detects: an edited field (hash mismatch), a deleted event (gap in seq), reordering or a
    spliced event (prev_hash mismatch), a truncated tail (the head says more than the table
    has), and a rewritten or truncated chain that no longer matches a published checkpoint.
    Checkpoints come from the database table and from outside it: `published` (the file
    AUDIT_CHECKPOINT_FILE when not given; `verify_all` adds e.g. a copy the inspectorate kept).
    Deleting the tail and winding the head back, and deleting the table's checkpoints too, is
    still caught by the last checkpoint published outside.

    `restored`: the database is a restored backup, so checkpoints published after the backup
    lie beyond the chain's end as expected; every checkpoint within the chain still counts.
    """
    head = AuditChainHead.objects.filter(chain=chain).first()
    checkpoints = _stored_checkpoints(chain)
    outside = read_checkpoint_file() if published is None else published
    for seq, hashes in outside.get(chain, {}).items():
        checkpoints.setdefault(seq, set()).update(hashes)
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
    if fault is None and not restored:
        beyond = [seq for seq in checkpoints if seq > checked]
        if beyond:
            fault = (min(beyond), "a published checkpoint is missing from the chain")
    if fault is not None:
        return ChainReport(chain, False, checked, checked, prev_hash, fault[0], fault[1])
    return ChainReport(chain, True, checked, checked, prev_hash)


def all_chains(*, published: dict[str, Checkpoints] | None = None) -> list[str]:
    """Every chain the database knows, plus every chain with a checkpoint published outside
    it (a chain whose events and head were all deleted still has to be verified)."""
    names = set(AuditChainHead.objects.values_list("chain", flat=True))
    names.update(AuditEvent.objects.values_list("chain", flat=True).distinct())
    names.update(AuditCheckpoint.objects.values_list("chain", flat=True).distinct())
    names.update(read_checkpoint_file() if published is None else published)
    return sorted(names)


def merge_checkpoints(*sources: dict[str, Checkpoints]) -> dict[str, Checkpoints]:
    merged: dict[str, Checkpoints] = {}
    for source in sources:
        for chain, seqs in source.items():
            for seq, hashes in seqs.items():
                merged.setdefault(chain, {}).setdefault(seq, set()).update(hashes)
    return merged


def verify_all(
    *,
    extra: dict[str, Checkpoints] | None = None,
    chains: list[str] | None = None,
    restored: bool = False,
) -> list[ChainReport]:
    """Verify every chain (or `chains`) against the table's checkpoints, the checkpoint file
    and `extra` (checkpoints kept elsewhere). The file is read once. `restored`: see
    `verify_chain` (then only the chains of the database are verified)."""
    outside = merge_checkpoints(read_checkpoint_file(), extra or {})
    if chains is not None:
        names = chains
    elif restored:
        names = all_chains(published={})
    else:
        names = all_chains(published=outside)
    return [verify_chain(chain, published=outside, restored=restored) for chain in names]


def checkpoint_row(checkpoint: AuditCheckpoint) -> dict[str, Any]:
    """One published checkpoint as the file and the open-data feed write it."""
    mall = checkpoint.chain.split(":", 1)[1] if checkpoint.chain.startswith("mall:") else None
    return {
        "chain": checkpoint.chain,
        "mall_id": int(mall) if mall and mall.isdigit() else None,
        "day": checkpoint.day.isoformat(),
        "seq": checkpoint.seq,
        "entry_hash": checkpoint.entry_hash,
        "published_at": checkpoint.created_at.isoformat() if checkpoint.created_at else None,
    }


def _append_to_file(rows: list[dict[str, Any]]) -> None:
    path = settings.AUDIT_CHECKPOINT_FILE
    if not path or not rows:
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, sort_keys=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def publish_checkpoints(*, day: date | None = None) -> list[AuditCheckpoint]:
    """Publish the head of every chain (one chain per mall): the day's row of the checkpoint
    table (the public page and the open-data feed) moves forward to the current head, and each
    head that moved since the last run is appended to AUDIT_CHECKPOINT_FILE, outside the
    database. Idempotent: an unchanged head appends nothing."""
    day = day or timezone.localdate()
    path = settings.AUDIT_CHECKPOINT_FILE
    new_file = bool(path) and not Path(path).exists()
    published = []
    changed = []
    for head in AuditChainHead.objects.filter(last_seq__gt=0).order_by("chain"):
        before = (
            AuditCheckpoint.objects.filter(chain=head.chain)
            .order_by("-day")
            .values_list("seq", "entry_hash")
            .first()
        )
        checkpoint, _created = AuditCheckpoint.objects.update_or_create(
            chain=head.chain,
            day=day,
            defaults={"seq": head.last_seq, "entry_hash": head.last_hash},
        )
        published.append(checkpoint)
        if new_file or before != (head.last_seq, head.last_hash):
            changed.append(checkpoint_row(checkpoint))
    _append_to_file(changed)
    return published
