"""Read-only views of the scheduler's job states and the workers' heartbeats for operators
(superusers): what ran, when, and its last output."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mpp.operations.models import JobState, WorkerHeartbeat


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(JobState)
class JobStateAdmin(ReadOnlyAdmin):
    list_display = [
        "name",
        "last_succeeded_at",
        "last_failed_at",
        "consecutive_failures",
        "last_duration_ms",
        "next_run_at",
        "lease_owner",
    ]
    readonly_fields = [f.name for f in JobState._meta.fields]


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(ReadOnlyAdmin):
    list_display = ["worker_id", "hostname", "pid", "queues", "started_at", "last_seen_at"]
    readonly_fields = [f.name for f in WorkerHeartbeat._meta.fields]
