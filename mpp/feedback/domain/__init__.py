"""Every write of the feedback app. Other apps call these functions, never the models:
the queue and applications apps call `create_survey_invitation` when a service is finished."""

from mpp.feedback.domain.complaints import (
    FiledComplaint,
    answer_complaint,
    auto_close_quiet_complaints,
    close_complaint,
    disposition_complaint,
    escalate_overdue_complaints,
    file_complaint,
    local_date,
    publish_complaint,
    reject_complaint,
    respond_to_answer,
    return_complaint,
    share_with_accused,
    transition_complaint,
    unpublish_complaint,
)
from mpp.feedback.domain.followup import (
    create_follow_up_plan,
    update_follow_up_progress,
)
from mpp.feedback.domain.moderation import moderate_suggestion
from mpp.feedback.domain.surveys import (
    check_invitation,
    create_survey_invitation,
    issue_survey_invitation,
    submit_survey,
)
from mpp.feedback.errors import (
    ConflictError,
    FeedbackError,
    ForbiddenError,
    IdempotencyMismatchError,
    NotFoundError,
)

__all__ = [
    "ConflictError",
    "FeedbackError",
    "FiledComplaint",
    "ForbiddenError",
    "IdempotencyMismatchError",
    "NotFoundError",
    "answer_complaint",
    "auto_close_quiet_complaints",
    "check_invitation",
    "close_complaint",
    "create_follow_up_plan",
    "create_survey_invitation",
    "disposition_complaint",
    "escalate_overdue_complaints",
    "file_complaint",
    "issue_survey_invitation",
    "local_date",
    "moderate_suggestion",
    "publish_complaint",
    "reject_complaint",
    "respond_to_answer",
    "return_complaint",
    "share_with_accused",
    "submit_survey",
    "transition_complaint",
    "unpublish_complaint",
    "update_follow_up_progress",
]
