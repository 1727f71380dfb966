"""Messages to the applicant at every state change: e-mail always (when the application or
account has an address), SMS (or WhatsApp, `MPP_APPLICATION_PHONE_CHANNEL`) to the contact
number. In Indonesian, with a link to the case. Queued in the caller's transaction and sent
by the background task after commit (mpp.notifications)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import override

from mpp.applications.enums import ApplicationState
from mpp.applications.models import Application, ApplicationStatusEvent
from mpp.notifications.domain import queue_notification


def case_url(application: Application) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "applications:detail", args=[application.public_id]
    )


def notify_state_change(application: Application, event: ApplicationStatusEvent) -> None:
    if event.to_state == ApplicationState.DRAFT:
        return
    applicant = application.applicant
    context = {
        "application": application,
        "event": event,
        "state": ApplicationState(event.to_state).label,
        "service": application.service.name,
        "code": application.tracking_code or "",
        "url": case_url(application),
        "name": applicant.display_name,
    }
    # Messages to citizens are in Indonesian, the platform's language.
    with override("id"):
        subject = render_to_string("applications/notifications/subject.txt", context).strip()
        email_body = render_to_string("applications/notifications/state_email.txt", context)
        short_body = render_to_string("applications/notifications/state_sms.txt", context)
    email = application.contact_email or applicant.email
    if email:
        queue_notification(
            channel="email",
            to=email,
            subject=subject,
            body=email_body,
            kind="application_state",
            user=applicant,
            mall=application.mall,
            obj=application,
        )
    if application.contact_phone:
        channel = getattr(settings, "MPP_APPLICATION_PHONE_CHANNEL", "sms")
        queue_notification(
            channel=channel,
            to=str(application.contact_phone),
            body=" ".join(short_body.split()),
            kind="application_state",
            user=applicant,
            mall=application.mall,
            obj=application,
        )
