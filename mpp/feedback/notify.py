"""Messages of the feedback app to citizens.

Complaints: to the reporter when the complaint is verified and forwarded (or not processed),
answered (with the request to respond), and a reminder when the time to respond runs out. Sent
in reaction to `ComplaintStateChanged` (mpp.core.domain_events) inside the transaction of the
change, and by `queue_response_requests` (`manage.py send_complaint_reminders`). Anonymous
complaints have no contact and get nothing; their reporter follows them with code and PIN.

Survey: the invitation to rate the service (`survey_invitation`), sent by
`send_survey_invitation` right after the invitation is issued (mpp.feedback.subscribers, when a
ticket is finished or an application decided), to the contact the citizen left — the phone a
ticket was followed on, the applicant's phone or e-mail. The feedback app cannot read tickets
or applications (they import it), so the app that owns those contacts registers a lookup with
`register_survey_recipients` (the queue and applications apps, in their `notify.subscribe`);
without one, the invitation is only printed or shown. The message is an ordinary one: consent
and opt-out (STOP), quiet hours (it waits for the morning) and the daily caps apply, and it is
sent once per invitation (dedupe key `survey:<invitation id>:invited`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy, override

from mpp.core import domain_events as ev
from mpp.feedback.domain.complaints import local_date
from mpp.feedback.enums import ComplaintStatus
from mpp.feedback.models import Complaint, SurveyInvitation
from mpp.feedback.qr import invitation_url
from mpp.notifications.domain import notify
from mpp.notifications.kinds import MessageKind, Placeholder, register
from mpp.notifications.models import Notification

_CODE = Placeholder("code", gettext_lazy("complaint code"), "ADU-7KQ2M9XP")
_URL = Placeholder("url", gettext_lazy("link"), "https://mpp.ngawikab.go.id/pengaduan/lacak/")
_DUE = Placeholder("due", gettext_lazy("date"), gettext_lazy("14 December 2026"))

COMPLAINT_VERIFIED = MessageKind(
    key="complaint_verified",
    label=gettext_lazy("Complaint: verified and forwarded"),
    text=gettext_lazy(
        "MPP: your complaint {code} has been verified and passed to {agency}, which will answer "
        "it by {due}. Follow it with your code and PIN: {url}"
    ),
    subject=gettext_lazy("Your complaint {code} is being handled"),
    placeholders=(
        _CODE,
        Placeholder("agency", gettext_lazy("agency"), "Dispendukcapil"),
        _DUE,
        _URL,
    ),
    also_email=True,
)
COMPLAINT_REJECTED = MessageKind(
    key="complaint_rejected",
    label=gettext_lazy("Complaint: not processed"),
    text=gettext_lazy("MPP: your complaint {code} cannot be processed. Reason: {reason} {url}"),
    subject=gettext_lazy("Your complaint {code}"),
    placeholders=(
        _CODE,
        Placeholder(
            "reason", gettext_lazy("reason"), gettext_lazy("It repeats complaint ADU-4KQ2M9XP.")
        ),
        _URL,
    ),
    also_email=True,
)
COMPLAINT_ANSWERED = MessageKind(
    key="complaint_answered",
    label=gettext_lazy("Complaint: answered"),
    text=gettext_lazy(
        "MPP: your complaint {code} has been answered. Read the answer and tell us by {due} "
        "whether it solves the problem (with your code and PIN): {url}"
    ),
    subject=gettext_lazy("Your complaint {code} has been answered"),
    placeholders=(_CODE, _DUE, _URL),
    also_email=True,
)
COMPLAINT_RESPONSE_REQUESTED = MessageKind(
    key="complaint_response_requested",
    label=gettext_lazy("Complaint: waiting for your response"),
    text=gettext_lazy(
        "MPP: we are waiting for your response to the answer to complaint {code}. Respond by "
        "{due}; after that the complaint is closed. {url}"
    ),
    subject=gettext_lazy("Your response to complaint {code}"),
    placeholders=(_CODE, _DUE, _URL),
    also_email=True,
)
SURVEY_INVITATION = MessageKind(
    key="survey_invitation",
    label=gettext_lazy("Survey: invitation after the service"),
    text=gettext_lazy(
        "Thank you for being served at {mall}. Rate our {service} service, anonymously and "
        "in 1 minute: {url}"
    ),
    subject=gettext_lazy("How was our service? {service}"),
    placeholders=(
        Placeholder("mall", gettext_lazy("mall"), "MPP Ngawi"),
        Placeholder("service", gettext_lazy("service"), gettext_lazy("KTP-el")),
        Placeholder("url", gettext_lazy("link"), "https://mpp.ngawikab.go.id/survei/7KQ2M9XP"),
    ),
)
KINDS = (
    COMPLAINT_VERIFIED,
    COMPLAINT_REJECTED,
    COMPLAINT_ANSWERED,
    COMPLAINT_RESPONSE_REQUESTED,
    SURVEY_INVITATION,
)


def _track_url() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("feedback:track")


def _send(complaint: Complaint, kind: MessageKind, dedupe_key: str, **extra: str) -> None:
    if not (complaint.reporter_phone or complaint.reporter_email):
        return
    with override("id"):
        context = {"code": complaint.code, "url": _track_url(), **extra}
    notify(
        kind=kind.key,
        mall=complaint.mall,
        context=context,
        dedupe_key=dedupe_key,
        phone=complaint.reporter_phone,
        email=complaint.reporter_email,
        obj=complaint,
        language="id",
    )


def _date(value: Any) -> str:
    with override("id"):
        return formats.date_format(value, "j F Y") if value else ""


def on_state_changed(event: ev.ComplaintStateChanged) -> None:
    complaint = (
        Complaint.objects.select_related("mall", "agency").filter(pk=event.complaint_id).first()
    )
    if complaint is None:
        return
    move = (event.from_state, event.to_state)
    if move == (ComplaintStatus.RECEIVED, ComplaintStatus.DISPOSITIONED):
        agency = complaint.agency.short_name if complaint.agency else complaint.mall.name
        _send(
            complaint,
            COMPLAINT_VERIFIED,
            f"complaint:{complaint.pk}:verified",
            agency=agency,
            due=_date(complaint.answer_due),
        )
    elif move == (ComplaintStatus.RECEIVED, ComplaintStatus.REJECTED):
        last = complaint.events.order_by("-pk").first()
        _send(
            complaint,
            COMPLAINT_REJECTED,
            f"complaint:{complaint.pk}:rejected",
            reason=(last.note if last else "").strip(),
        )
    elif move == (ComplaintStatus.DISPOSITIONED, ComplaintStatus.ANSWERED):
        _send(
            complaint,
            COMPLAINT_ANSWERED,
            f"complaint:{complaint.pk}:answered:{complaint.reopen_count}",
            due=_date(complaint.response_due),
        )


def queue_response_requests(*, now: datetime | None = None) -> int:
    """Remind reporters whose time to respond to an answer ends today or tomorrow (once per
    answer). Returns how many reminders were queued."""
    now = now or timezone.now()
    queued = 0
    candidates = Complaint.objects.filter(
        status=ComplaintStatus.ANSWERED, response_due__isnull=False
    ).select_related("mall")
    for complaint in candidates.iterator():
        today = local_date(complaint.mall, now)
        if complaint.response_due is None or complaint.response_due > today + timedelta(days=1):
            continue
        key = f"complaint:{complaint.pk}:response:{complaint.reopen_count}"
        if Notification.objects.filter(dedupe_key=key).exists():
            continue
        with transaction.atomic():
            _send(complaint, COMPLAINT_RESPONSE_REQUESTED, key, due=_date(complaint.response_due))
        queued += Notification.objects.filter(dedupe_key=key).exists()
    return queued


@dataclass(frozen=True)
class SurveyRecipient:
    """Where a served citizen may be told about their survey: what they left when following
    the ticket or applying. `channels` narrows the installation's channels to the citizen's
    choice (None: any); `obj` is what the message is about (shown in the outbox)."""

    phone: str = ""
    email: str = ""
    user: Any = None
    language: str = "id"
    channels: Sequence[str] | None = None


#: lookup(object id) → the citizen's contact, or None; object id = ticket or application id.
RecipientLookup = Callable[[int], SurveyRecipient | None]

_recipient_lookups: dict[str, RecipientLookup] = {}


def register_survey_recipients(channel: str, lookup: RecipientLookup) -> None:
    """Let the app that owns the contacts of `channel` (an `InvitationChannel`: tickets,
    applications) tell who to send the survey invitation to. Registering again replaces."""
    _recipient_lookups[channel] = lookup


def send_survey_invitation(invitation: SurveyInvitation, *, object_id: int) -> None:
    """Send the invitation's link to the citizen who was served (`object_id`: the finished
    ticket or decided application), once per invitation. Nothing without a registered
    lookup, a contact, or a consenting channel (`notify` leaves out opted-out addresses)."""
    if invitation.used_at is not None or invitation.expires_at <= timezone.now():
        return
    lookup = _recipient_lookups.get(invitation.channel)
    recipient = lookup(object_id) if lookup is not None else None
    if recipient is None or not (recipient.phone or recipient.email):
        return
    language = recipient.language if recipient.language in {"id", "en"} else "id"
    service = invitation.service
    mall = invitation.mall
    notify(
        kind=SURVEY_INVITATION.key,
        mall=mall,
        context={
            "mall": mall.short_name or mall.name,
            "service": (service.name_en or service.name) if language == "en" else service.name,
            "url": invitation_url(invitation),
        },
        dedupe_key=f"survey:{invitation.pk}:invited",
        phone=recipient.phone,
        email=recipient.email,
        user=recipient.user,
        obj=invitation,
        language=language,
        channels=recipient.channels,
        # A link that can no longer be answered is not worth a message.
        expires_at=invitation.expires_at,
    )


def subscribe() -> None:
    register(*KINDS)
    ev.subscribe(ev.ComplaintStateChanged, on_state_changed)
