"""Reactions of the feedback app to other apps' domain events (mpp.core.domain_events).

The satisfaction survey (PermenPAN-RB 14/2017) asks people who were served, so its invitation
is issued at the moment the service ends — a ticket finished at the counter, an application
whose result is ready — never when a page is viewed. The invitation is idempotent per ticket
code or tracking code, so a repeated event never creates a second survey.

Right after the invitation is issued, its link is sent by notification to the contact the
citizen left (`mpp.feedback.notify.send_survey_invitation`), in the same transaction: the
outbox row commits (and is delivered after commit) with the finished ticket or decided
application, or not at all; it is written once per invitation.
"""

from __future__ import annotations

from mpp.catalog.models import Service
from mpp.core import domain_events as ev
from mpp.feedback.enums import InvitationChannel

#: Application states in which the service is finished: the result can be collected, or the
#: agency's answer was a refusal (the applicant was served all the same and is counted in the
#: survey's population, mpp.transparency.population.served_visits, from that decision).
FINISHED_APPLICATION_STATES = frozenset({"result_ready", "rejected", "closed"})


def invite_after_service(event: ev.TicketFinished) -> None:
    """A ticket was served: issue its survey invitation (reference = ticket code), and send
    it when the citizen left a contact. Without one (most kiosk tickets) the invitation is a
    single insert: the link is printed or shown on the ticket page, nothing is sent."""
    from mpp.feedback.domain.surveys import create_survey_invitation, issue_survey_invitation
    from mpp.feedback.notify import send_survey_invitation

    if not event.has_contact:
        issue_survey_invitation(
            mall_id=event.mall_id,
            service_id=event.service_id,
            reference=event.ticket_code,
            channel=InvitationChannel.TICKET,
            now=event.finished_at,
        )
        return

    invitation = create_survey_invitation(
        service=Service.objects.get(pk=event.service_id),
        reference=event.ticket_code,
        channel=InvitationChannel.TICKET,
        now=event.finished_at,
    )
    send_survey_invitation(invitation, object_id=event.ticket_id)


def invite_after_application(event: ev.ApplicationStateChanged) -> None:
    """An application reached its result or was refused: issue its survey invitation
    (reference = tracking code). Closing afterwards finds the invitation already issued."""
    if event.to_state not in FINISHED_APPLICATION_STATES:
        return
    if not event.tracking_code:
        return
    from mpp.feedback.domain.surveys import create_survey_invitation
    from mpp.feedback.notify import send_survey_invitation

    invitation = create_survey_invitation(
        service=Service.objects.get(pk=event.service_id),
        reference=event.tracking_code,
        channel=InvitationChannel.APPLICATION,
    )
    send_survey_invitation(invitation, object_id=event.application_id)


def subscribe() -> None:
    ev.subscribe(ev.TicketFinished, invite_after_service)
    ev.subscribe(ev.ApplicationStateChanged, invite_after_application)
