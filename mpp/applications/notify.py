"""Messages to the applicant at every state change of their application, and when the result
is ready ("hasil siap"): by WhatsApp or SMS to the contact number (falling back to e-mail),
plus an e-mail copy as a record when there is an address. Sent in reaction to
`ApplicationStateChanged` (mpp.core.domain_events), inside the transaction of the change.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from mpp.applications.enums import ApplicationState
from mpp.applications.models import Application, ApplicationStatusEvent
from mpp.core import domain_events as ev
from mpp.feedback.enums import InvitationChannel
from mpp.feedback.notify import SurveyRecipient, register_survey_recipients
from mpp.notifications.domain import notify
from mpp.notifications.kinds import MessageKind, Placeholder, register

S = ApplicationState
_CODE = Placeholder("code", gettext_lazy("tracking code"), "PMH-7KQ2M9")
_SERVICE = Placeholder("service", gettext_lazy("service"), gettext_lazy("Birth certificate"))
_URL = Placeholder("url", gettext_lazy("link"), "https://mpp.ngawikab.go.id/permohonan/3f2a9c")
_NOTE = Placeholder(
    "note", gettext_lazy("the officer's note"), gettext_lazy("Please upload a sharper scan.")
)
_SUBJECT = gettext_lazy("Your application {code}: {state}")

APPLICATION_SUBMITTED = MessageKind(
    key="application_submitted",
    label=gettext_lazy("Application: received"),
    text=gettext_lazy(
        "MPP: your application {code} for {service} has been received. The agency will finish "
        "it by {due}. Follow it here: {url}"
    ),
    subject=_SUBJECT,
    placeholders=(
        _CODE,
        _SERVICE,
        Placeholder("due", gettext_lazy("due date"), gettext_lazy("14 December 2026")),
        _URL,
        Placeholder("state", gettext_lazy("status"), gettext_lazy("Submitted")),
    ),
    also_email=True,
)
APPLICATION_STATE = MessageKind(
    key="application_state",
    label=gettext_lazy("Application: status changed"),
    text=gettext_lazy("MPP: your application {code} for {service} is now: {state}. {note} {url}"),
    subject=_SUBJECT,
    placeholders=(
        _CODE,
        _SERVICE,
        Placeholder("state", gettext_lazy("status"), gettext_lazy("In process")),
        _NOTE,
        _URL,
    ),
    also_email=True,
)
APPLICATION_REVISION = MessageKind(
    key="application_needs_revision",
    label=gettext_lazy("Application: correction needed"),
    text=gettext_lazy(
        "MPP: your application {code} for {service} needs a correction. {note} Please correct it "
        "and submit it again; the deadline is paused until you do. {url}"
    ),
    subject=_SUBJECT,
    placeholders=(
        _CODE,
        _SERVICE,
        _NOTE,
        _URL,
        Placeholder("state", gettext_lazy("status"), gettext_lazy("Needs revision")),
    ),
    also_email=True,
)
APPLICATION_RESULT_READY = MessageKind(
    key="application_result_ready",
    label=gettext_lazy("Application: result ready"),
    text=gettext_lazy(
        "MPP: the result of your application {code} for {service} is ready. {how} {url}"
    ),
    subject=_SUBJECT,
    placeholders=(
        _CODE,
        _SERVICE,
        Placeholder(
            "how",
            gettext_lazy("how to get it"),
            gettext_lazy("Download it from your application page."),
        ),
        _URL,
        Placeholder("state", gettext_lazy("status"), gettext_lazy("Result ready")),
    ),
    also_email=True,
)
KINDS = (APPLICATION_SUBMITTED, APPLICATION_STATE, APPLICATION_REVISION, APPLICATION_RESULT_READY)


def case_url(application: Application) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "applications:detail", args=[application.public_id]
    )


def _how_to_get(application: Application) -> str:
    if application.result_kind == "pickup":
        text = _("Pick it up at the counter with the original documents and your tracking code.")
        return f"{text} {application.result_note}".strip()
    return _("Download it from your application page.")


def on_state_changed(event: ev.ApplicationStateChanged) -> None:
    if event.to_state == S.DRAFT:
        return
    application = (
        Application.objects.select_related("applicant", "service", "mall")
        .filter(pk=event.application_id)
        .first()
    )
    if application is None:
        return
    status_event = (
        ApplicationStatusEvent.objects.filter(application=application, to_state=event.to_state)
        .order_by("-pk")
        .first()
    )
    # Messages to applicants are in Indonesian, the platform's language.
    language = "id"
    with override(language):
        special: dict[str, MessageKind] = {
            S.SUBMITTED: APPLICATION_SUBMITTED,
            S.NEEDS_REVISION: APPLICATION_REVISION,
            S.RESULT_READY: APPLICATION_RESULT_READY,
        }
        kind = special.get(event.to_state, APPLICATION_STATE)
        if kind is APPLICATION_SUBMITTED and not application.due_date:
            kind = APPLICATION_STATE
        context = {
            "code": application.tracking_code or "",
            "service": application.service.name,
            "state": str(S(event.to_state).label),
            "note": (status_event.reason if status_event else "").strip(),
            "url": case_url(application),
            "due": formats.date_format(application.due_date, "j F Y")
            if application.due_date
            else "",
            "how": _how_to_get(application) if kind is APPLICATION_RESULT_READY else "",
        }
    applicant = application.applicant
    notify(
        kind=kind.key,
        mall=application.mall,
        context=context,
        dedupe_key=f"application:{application.pk}:event:{status_event.pk if status_event else 0}",
        phone=str(application.contact_phone or applicant.phone or ""),
        email=application.contact_email or applicant.email,
        user=applicant,
        obj=application,
        language=language,
    )


def survey_recipient(application_id: int) -> SurveyRecipient | None:
    """The applicant's contacts, for the survey invitation of a decided application (the
    feedback app sends it; it cannot read applications itself)."""
    application = Application.objects.select_related("applicant").filter(pk=application_id).first()
    if application is None:
        return None
    applicant = application.applicant
    return SurveyRecipient(
        phone=str(application.contact_phone or applicant.phone or ""),
        email=application.contact_email or applicant.email,
        user=applicant,
    )


def subscribe() -> None:
    register(*KINDS)
    register_survey_recipients(InvitationChannel.APPLICATION, survey_recipient)
    ev.subscribe(ev.ApplicationStateChanged, on_state_changed)
