"""Moderation of citizens' free text before it is public: survey suggestions.

A suggestion is stored as the respondent wrote it (staff reports see it at once) but public
pages and the public spreadsheet show only suggestions the mall manager approved. Each
decision is audited (who, when, which response; never the text itself).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mpp.audit.domain import record_event
from mpp.feedback.enums import ModerationStatus
from mpp.feedback.errors import FeedbackError
from mpp.feedback.models import SurveyResponse

DECISIONS = frozenset({ModerationStatus.APPROVED, ModerationStatus.REJECTED})


def moderate_suggestion(
    *, response: SurveyResponse, actor: Any, decision: str, now: datetime | None = None
) -> SurveyResponse:
    """Approve or reject one suggestion (a decision may be changed later; each is audited)."""
    if decision not in DECISIONS:
        raise FeedbackError(_("Choose approve or reject."), field="decision")
    moment = now if now is not None else timezone.now()
    with transaction.atomic():
        locked = SurveyResponse.objects.select_for_update().get(pk=response.pk)
        if not locked.suggestion.strip():
            raise FeedbackError(_("This response has no suggestion."), field="decision")
        previous = locked.suggestion_status
        locked.suggestion_status = decision
        locked.suggestion_moderated_at = moment
        locked.suggestion_moderated_by = (
            actor if getattr(actor, "is_authenticated", False) else None
        )
        locked.save(
            update_fields=[
                "suggestion_status",
                "suggestion_moderated_at",
                "suggestion_moderated_by",
            ]
        )
        record_event(
            action="survey.suggestion_moderated",
            obj=locked,
            actor=actor,
            data={"response_id": locked.pk, "from": previous, "to": decision},
        )
    return locked
