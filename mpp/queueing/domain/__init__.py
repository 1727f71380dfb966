"""Every write of the queue goes through these functions (docs/conventions.md: keyword-only
arguments,
one transaction, rules checked inside it, events published on commit)."""

from mpp.queueing.domain.bookings import (
    book_visit,
    cancel_booking,
    check_in,
    checkin_window,
    release_no_shows,
    reschedule_booking,
)
from mpp.queueing.domain.common import local_day, normalise_code, person_key
from mpp.queueing.domain.counters import (
    counter_changed,
    may_staff_counter,
    set_counter_state,
    sign_in_counter,
    sign_out_counter,
)
from mpp.queueing.domain.errors import (
    ConflictError,
    ForbiddenError,
    FullError,
    NotFoundError,
    QueueError,
)
from mpp.queueing.domain.follow import follow_ticket
from mpp.queueing.domain.tickets import (
    add_note,
    call_next,
    cancel_ticket,
    check_officer,
    finish_service,
    issue_ticket,
    known_request_key,
    next_number,
    recall_ticket,
    requeue_ticket,
    skip_ticket,
    start_service,
    transfer_ticket,
)

__all__ = [
    "ConflictError",
    "ForbiddenError",
    "FullError",
    "NotFoundError",
    "QueueError",
    "add_note",
    "book_visit",
    "call_next",
    "cancel_booking",
    "cancel_ticket",
    "check_in",
    "check_officer",
    "checkin_window",
    "counter_changed",
    "finish_service",
    "follow_ticket",
    "issue_ticket",
    "known_request_key",
    "local_day",
    "may_staff_counter",
    "next_number",
    "normalise_code",
    "person_key",
    "recall_ticket",
    "release_no_shows",
    "requeue_ticket",
    "reschedule_booking",
    "set_counter_state",
    "sign_in_counter",
    "sign_out_counter",
    "skip_ticket",
    "start_service",
    "transfer_ticket",
]
