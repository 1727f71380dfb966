"""Read-mostly admin views of feedback data. Complaint work happens on the staff pages
(/staf/pengaduan/), which go through the domain functions; the admin never edits state."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mpp.feedback.models import Complaint, SurveyInvitation, SurveyResponse


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SurveyInvitation)
class SurveyInvitationAdmin(ReadOnlyAdmin):
    list_display = ("service", "channel", "reference", "created_at", "used_at")
    list_filter = ("channel",)
    search_fields = ("reference",)
    exclude = ("token",)


@admin.register(SurveyResponse)
class SurveyResponseAdmin(ReadOnlyAdmin):
    list_display = (
        "service",
        "survey_date",
        "session",
        "u1",
        "u2",
        "u3",
        "u4",
        "u5",
        "u6",
        "u7",
        "u8",
        "u9",
    )
    list_filter = ("survey_date", "agency")


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ("code", "status", "agency", "received_at", "verify_due", "answer_due")
    list_filter = ("status", "agency")
    search_fields = ("code",)
    fields = (
        "code",
        "status",
        "kind",
        "subject",
        "agency",
        "service",
        "category",
        "received_at",
        "verify_due",
        "answer_due",
        "response_due",
        "escalation_key",
        "is_published",
    )
