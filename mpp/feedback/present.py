"""What each audience may see of a complaint or a report, as plain dicts (API, pages, Open311).

- The reporter (code + second factor): their own text, the answer, the public timeline;
  never the reporter's contact details (the page may be open on a shared kiosk).
- The public (Open311, published list): only the moderated summary and answer.
- Staff lists: no contact details either; the detail page shows them to those who need them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from mpp.feedback.domain import local_date
from mpp.feedback.enums import ComplaintStatus
from mpp.feedback.models import Complaint, ComplaintEvent
from mpp.feedback.queries import SkmReport


def _iso(moment: Any) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def event_label(event: ComplaintEvent) -> str:
    if event.kind == ComplaintEvent.Kind.STATUS:
        return str(ComplaintStatus(event.to_status).label) if event.to_status else ""
    return str(event.get_kind_display())


def timeline(complaint: Complaint) -> list[dict[str, Any]]:
    return [
        {
            "at": _iso(event.created_at),
            "kind": event.kind,
            "status": event.to_status,
            "status_display": event_label(event),
            "note": event.note,
        }
        for event in complaint.events.filter(is_public=True).order_by("created_at", "pk")
    ]


def for_reporter(complaint: Complaint) -> dict[str, Any]:
    return {
        "code": complaint.code,
        "status": complaint.status,
        "status_display": str(complaint.get_status_display()),
        "kind": complaint.kind,
        "subject": complaint.subject,
        "agency": complaint.agency.name if complaint.agency else None,
        "service": complaint.service.name if complaint.service else None,
        "title": complaint.title,
        "received_at": _iso(complaint.received_at),
        "current_due": complaint.current_due,
        "answer": complaint.answer,
        "can_respond": complaint.status == ComplaintStatus.ANSWERED,
        "timeline": timeline(complaint),
    }


def is_overdue(complaint: Complaint, today: date | None = None) -> bool:
    if complaint.status not in {ComplaintStatus.RECEIVED, ComplaintStatus.DISPOSITIONED}:
        return False
    due = complaint.current_due
    today = today or local_date(complaint.mall, timezone.now())
    return due is not None and today > due


def list_item(complaint: Complaint, today: date) -> dict[str, Any]:
    return {
        "code": complaint.code,
        "status": complaint.status,
        "status_display": str(complaint.get_status_display()),
        "kind": complaint.kind,
        "subject": complaint.subject,
        "agency": complaint.agency.name if complaint.agency else None,
        "service": complaint.service.name if complaint.service else None,
        "category": complaint.category,
        "title": complaint.title,
        "channel": complaint.channel,
        "received_at": _iso(complaint.received_at),
        "current_due": complaint.current_due,
        "overdue": is_overdue(complaint, today),
        "escalated": bool(complaint.escalation_key) and is_overdue(complaint, today),
        "published": complaint.is_published,
    }


def report_out(report: SkmReport) -> dict[str, Any]:
    result = report.result
    grade = result.grade
    return {
        "mall": report.mall.name,
        "agency": report.agency.name if report.agency else None,
        "service": report.service.name if report.service else None,
        "start": report.start,
        "end": report.end,
        "respondents": report.respondents,
        "population": report.population,
        "minimum_sample": report.minimum_sample,
        "sample_is_enough": report.sample_is_enough,
        "weight": report.weight_display,
        "x": float(result.x) if result.x is not None else None,
        "ikm": float(result.ikm) if result.ikm is not None else None,
        "grade": grade.letter if grade else None,
        "grade_label": str(grade.label) if grade else None,
        "missing": result.missing,
        "unsur": [
            {
                "code": score.code,
                "name": str(score.unsur.name),
                "total": score.total,
                "answered": score.answered,
                "nrr": float(score.nrr_display) if score.nrr_display is not None else None,
            }
            for score in result.scores
        ],
    }
