"""States of an online application, the allowed transitions and who may make them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from mpp.accounts.enums import StaffRole


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_VERIFICATION = "in_verification", _("Being verified")
    NEEDS_REVISION = "needs_revision", _("Needs revision")
    IN_PROCESS = "in_process", _("In process")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    RESULT_READY = "result_ready", _("Result ready")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = ApplicationState

#: The allowed transitions: from-state -> the states it may move to.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.IN_VERIFICATION, S.WITHDRAWN}),
    S.IN_VERIFICATION: frozenset({S.NEEDS_REVISION, S.IN_PROCESS, S.REJECTED, S.WITHDRAWN}),
    S.NEEDS_REVISION: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.IN_PROCESS: frozenset({S.APPROVED, S.REJECTED, S.WITHDRAWN}),
    S.APPROVED: frozenset({S.RESULT_READY}),
    S.REJECTED: frozenset({S.CLOSED}),
    S.RESULT_READY: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

#: Moves the applicant makes (everything else is made by agency staff).
APPLICANT_MOVES: frozenset[tuple[str, str]] = frozenset(
    {(S.DRAFT, S.SUBMITTED), (S.NEEDS_REVISION, S.SUBMITTED)}
    | {(state, S.WITHDRAWN) for state, targets in TRANSITIONS.items() if S.WITHDRAWN in targets}
)

_WORKERS = frozenset({StaffRole.VERIFIER, StaffRole.HEAD_OF_UNIT})
_DESK = frozenset({StaffRole.VERIFIER, StaffRole.HEAD_OF_UNIT, StaffRole.COUNTER_OFFICER})

#: Staff roles (in the application's agency) that may move an application *to* a state.
STAFF_ROLES_FOR: dict[str, frozenset[str]] = {
    S.IN_VERIFICATION: _WORKERS,
    S.NEEDS_REVISION: _WORKERS,
    S.IN_PROCESS: _WORKERS,
    # The head of unit decides (segregation of duties: verifiers prepare, the head signs).
    S.APPROVED: frozenset({StaffRole.HEAD_OF_UNIT}),
    S.REJECTED: frozenset({StaffRole.HEAD_OF_UNIT}),
    S.RESULT_READY: _DESK,
    S.CLOSED: _DESK,
}

#: Roles that may see an agency's applications (and their documents).
AGENCY_READ_ROLES = frozenset(
    {
        StaffRole.COUNTER_OFFICER,
        StaffRole.VERIFIER,
        StaffRole.HEAD_OF_UNIT,
        StaffRole.AGENCY_ADMIN,
    }
)
#: Roles that may assign an application to a verifier.
ASSIGN_ROLES = frozenset({StaffRole.HEAD_OF_UNIT, StaffRole.AGENCY_ADMIN})

#: States in which the applicant can still change the application.
EDITABLE_STATES = frozenset({S.DRAFT, S.NEEDS_REVISION})
#: States in which the deadline clock runs.
CLOCK_RUNNING = frozenset({S.SUBMITTED, S.IN_VERIFICATION, S.IN_PROCESS})
#: Decided or finished: no deadline any more.
FINISHED = frozenset({S.APPROVED, S.REJECTED, S.RESULT_READY, S.CLOSED, S.WITHDRAWN})
#: Open cases in an officer's inbox.
OPEN_FOR_AGENCY = frozenset(
    {S.SUBMITTED, S.IN_VERIFICATION, S.NEEDS_REVISION, S.IN_PROCESS, S.APPROVED, S.RESULT_READY}
)

#: Transitions that need a reason (shown to the applicant).
REASON_REQUIRED = frozenset({S.NEEDS_REVISION, S.REJECTED, S.WITHDRAWN})


class FieldKind(models.TextChoices):
    TEXT = "text", _("Text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    CHOICE = "choice", _("Choice")
    NIK = "nik", _("NIK")
    ADDRESS = "address", _("Address in Ngawi")


class ResultKind(models.TextChoices):
    PICKUP = "pickup", _("Pick up at the counter")
    DOWNLOAD = "download", _("Download")


class DocumentKind(models.TextChoices):
    REQUIREMENT = "requirement", _("Requirement")
    RESULT = "result", _("Result")


class Urgency(models.TextChoices):
    OVERDUE = "overdue", _("Overdue")
    DUE_SOON = "due_soon", _("Due soon")
    ON_TRACK = "on_track", _("On track")
    PAUSED = "paused", _("Waiting for the applicant")
    NONE = "none", _("No deadline")
