"""The hash-chained audit trail (docs/reliability.md §4.2).

Each event carries the hash of the previous event of its chain; one chain per mall keeps
contention local. Rows are append-only: database triggers refuse UPDATE (and DELETE on
PostgreSQL), and verification finds any edit, deletion or reordering that gets past them.
Plain integer columns (not foreign keys) keep history intact when the referenced rows go.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditChainHead(models.Model):
    """The last event of a chain; locked while appending so two writers never fork it."""

    chain = models.CharField(max_length=80, unique=True)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = _("audit chain")
        verbose_name_plural = _("audit chains")

    def __str__(self) -> str:
        return f"{self.chain} @ {self.last_seq}"


class AuditEvent(models.Model):
    chain = models.CharField(_("chain"), max_length=80)
    seq = models.PositiveBigIntegerField(_("sequence"))
    created_at = models.DateTimeField(_("time"))
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=80)
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object id"), max_length=64)
    mall_id = models.BigIntegerField(_("mall id"), null=True, blank=True)
    data = models.JSONField(_("data"), default=dict)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    entry_hash = models.CharField(_("hash"), max_length=64)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["chain", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="audit_event_seq_unique"),
        ]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditCheckpoint(models.Model):
    """A published chain head (the daily digest). Copies kept outside the database — the
    transparency page, printed reports, the inspectorate's mailbox — are what expose a
    wholesale rewrite of the chain."""

    chain = models.CharField(_("chain"), max_length=80)
    day = models.DateField(_("day"))
    seq = models.PositiveBigIntegerField(_("sequence"))
    entry_hash = models.CharField(_("hash"), max_length=64)
    created_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")
        ordering = ["-day", "chain"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "day"], name="audit_checkpoint_daily"),
        ]

    def __str__(self) -> str:
        return f"{self.chain} {self.day} #{self.seq}"
