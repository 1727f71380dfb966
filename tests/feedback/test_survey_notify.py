# ruff: noqa: F811 - the applications fixtures are imported by name and used as arguments
"""The survey invitation by notification (issue 12.4): when a ticket is finished or an
application decided, the citizen who left a contact gets one message with the invitation's
link — once per invitation, never without a contact, never to an opted-out number, held
until the morning in quiet hours, in the mall manager's own wording when they wrote one."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.utils import timezone

from mpp.applications import domain as applications
from mpp.applications.enums import ApplicationState as S
from mpp.core import domain_events as ev
from mpp.feedback.models import SurveyInvitation
from mpp.feedback.notify import SURVEY_INVITATION
from mpp.feedback.qr import invitation_url
from mpp.notifications.domain import opt_out
from mpp.notifications.enums import NotificationStatus, OptOutSource
from mpp.notifications.kinds import get_kind, text_errors
from mpp.notifications.models import MessageTemplate, Notification
from mpp.queueing import domain as queue
from tests.applications.conftest import (  # noqa: F401 - fixtures used by name
    _private_media,
    agency,
    citizen,
    draft,
    head,
    service,
    submitted,
    verifier,
)
from tests.queueing.conftest import build_hall

pytestmark = pytest.mark.django_db
PHONE = "+6281234567890"
WIB = ZoneInfo("Asia/Jakarta")


def _survey_messages() -> list[Notification]:
    return list(Notification.objects.filter(kind="survey_invitation").order_by("pk"))


def _serve(hall, ticket):
    counter, officer = hall.counters[0], hall.officers[0]
    called = queue.call_next(counter=counter, officer=officer)
    assert called == ticket
    queue.start_service(ticket=called, officer=officer)
    return queue.finish_service(ticket=called, officer=officer)


@pytest.fixture
def hall(db):
    return build_hall(counters=1)


def test_a_served_ticket_followed_by_phone_gets_one_invitation_with_its_link(hall):
    ticket = queue.issue_ticket(service=hall.ktp)
    queue.follow_ticket(ticket=ticket, phone="0812 3456 7890")
    assert _survey_messages() == []

    _serve(hall, ticket)

    invitation = SurveyInvitation.objects.get(reference=ticket.code)
    [message] = _survey_messages()
    link = invitation_url(invitation)
    assert message.body == (
        f"Terima kasih telah dilayani di {hall.mall.short_name}. Nilai layanan Perekaman KTP-el "
        f"kami, tanpa nama dan hanya 1 menit: {link}"
    )
    assert link.endswith(f"/survei/{invitation.token}/")
    assert (message.channel, message.to, message.fallback) == (
        "whatsapp",
        PHONE,
        [{"channel": "sms", "to": PHONE}],
    )
    # About the invitation (shown so in the outbox), not urgent, sent before the link expires.
    assert (message.object_type, message.object_id) == (
        "feedback.surveyinvitation",
        str(invitation.pk),
    )
    assert (message.urgent, message.expires_at) == (False, invitation.expires_at)
    assert message.status == NotificationStatus.PENDING
    assert message.dedupe_key == f"survey:{invitation.pk}:invited"

    # Finishing again, or the same event delivered twice, sends nothing more.
    queue.finish_service(ticket=ticket, officer=hall.officers[0])
    ticket.refresh_from_db()
    ev.emit(
        ev.TicketFinished(
            mall_id=ticket.mall_id,
            ticket_id=ticket.pk,
            service_id=ticket.service_id,
            ticket_code=ticket.code,
            finished_at=ticket.finished_at,
        )
    )
    assert len(_survey_messages()) == 1
    assert SurveyInvitation.objects.count() == 1


def test_a_ticket_without_a_contact_gets_its_invitation_but_no_message(hall):
    ticket = queue.issue_ticket(service=hall.ktp)
    _serve(hall, ticket)
    assert SurveyInvitation.objects.filter(reference=ticket.code).exists()
    assert _survey_messages() == []
    assert not Notification.objects.exists()


def test_an_opted_out_number_gets_no_invitation(hall):
    ticket = queue.issue_ticket(service=hall.ktp)
    queue.follow_ticket(ticket=ticket, phone=PHONE, channel="sms")
    opt_out(address=PHONE, source=OptOutSource.REPLY)
    _serve(hall, ticket)
    assert SurveyInvitation.objects.filter(reference=ticket.code).exists()
    assert _survey_messages() == []


def test_an_english_follower_reads_it_in_english_and_sms_stays_sms(hall):
    ticket = queue.issue_ticket(service=hall.ktp)
    queue.follow_ticket(ticket=ticket, phone=PHONE, channel="sms", language="en")
    _serve(hall, ticket)
    [message] = _survey_messages()
    assert message.body.startswith(f"Thank you for being served at {hall.mall.short_name}.")
    assert "anonymously and in 1 minute: http" in message.body
    assert (message.channel, message.fallback, message.language) == ("sms", [], "en")


def test_in_quiet_hours_the_invitation_waits_for_the_morning(hall):
    ticket = queue.issue_ticket(service=hall.ktp)
    queue.follow_ticket(ticket=ticket, phone=PHONE)
    now = timezone.now().astimezone(WIB)
    hours = f"{now - timedelta(hours=1):%H:%M}-{now + timedelta(hours=2):%H:%M}"
    with override_settings(MPP_NOTIFY_QUIET_HOURS=hours):
        _serve(hall, ticket)
    [message] = _survey_messages()
    assert message.status == NotificationStatus.SCHEDULED
    assert message.next_attempt_at > timezone.now() + timedelta(minutes=100)


def test_the_mall_manager_words_it_and_the_admin_can_preview_it(hall):
    kind = get_kind("survey_invitation")
    assert kind is SURVEY_INVITATION
    assert text_errors(kind, str(kind.text)) == []
    assert kind.sample_context("id")["url"].startswith("https://")
    MessageTemplate.objects.create(
        mall=hall.mall,
        kind="survey_invitation",
        text_id="Matur nuwun sampun rawuh di {mall}. Survei {service}: {url}",
        text_en="",
    )
    ticket = queue.issue_ticket(service=hall.ktp)
    queue.follow_ticket(ticket=ticket, phone=PHONE)
    _serve(hall, ticket)
    [message] = _survey_messages()
    invitation = SurveyInvitation.objects.get(reference=ticket.code)
    assert message.body == (
        f"Matur nuwun sampun rawuh di {hall.mall.short_name}. Survei Perekaman KTP-el: "
        f"{invitation_url(invitation)}"
    )


def _to_decision(application, verifier, head):
    verifier.is_verified = lambda: True
    head.is_verified = lambda: True
    applications.transition_application(
        application=application, to=S.IN_VERIFICATION, actor=verifier
    )
    applications.transition_application(application=application, to=S.IN_PROCESS, actor=verifier)


def test_a_decided_application_gets_one_invitation_and_closing_adds_none(submitted, verifier, head):
    _to_decision(submitted, verifier, head)
    assert _survey_messages() == []
    applications.transition_application(
        application=submitted, to=S.REJECTED, actor=head, reason="Berkas tidak lengkap."
    )
    invitation = SurveyInvitation.objects.get(reference=submitted.tracking_code)
    [message] = _survey_messages()
    assert message.to == PHONE  # the contact phone left on the application
    assert message.body.endswith(invitation_url(invitation))
    assert message.user_id == submitted.applicant_id
    applications.transition_application(application=submitted, to=S.CLOSED, actor=head)
    assert len(_survey_messages()) == 1


def test_an_application_with_its_result_ready_then_closed_gets_one(submitted, verifier, head):
    _to_decision(submitted, verifier, head)
    applications.transition_application(application=submitted, to=S.APPROVED, actor=head)
    assert _survey_messages() == []
    applications.transition_application(
        application=submitted, to=S.RESULT_READY, actor=head, result_kind="pickup"
    )
    applications.transition_application(application=submitted, to=S.CLOSED, actor=head)
    [message] = _survey_messages()
    invitation = SurveyInvitation.objects.get(reference=submitted.tracking_code)
    assert message.dedupe_key == f"survey:{invitation.pk}:invited"


def test_an_opted_out_applicant_gets_no_invitation(submitted, verifier, head):
    opt_out(address=PHONE, source=OptOutSource.PROFILE)
    opt_out(address=submitted.applicant.email, source=OptOutSource.PROFILE)
    _to_decision(submitted, verifier, head)
    applications.transition_application(
        application=submitted, to=S.REJECTED, actor=head, reason="Berkas tidak lengkap."
    )
    assert SurveyInvitation.objects.filter(reference=submitted.tracking_code).exists()
    assert _survey_messages() == []


def test_an_answered_survey_is_not_sent_again(submitted, verifier, head):
    _to_decision(submitted, verifier, head)
    applications.transition_application(
        application=submitted, to=S.REJECTED, actor=head, reason="Berkas tidak lengkap."
    )
    Notification.objects.filter(kind="survey_invitation").delete()
    SurveyInvitation.objects.update(used_at=timezone.now())
    applications.transition_application(application=submitted, to=S.CLOSED, actor=head)
    assert _survey_messages() == []
