"""The survey invitation of a served ticket without a contact is one insert (issue 11: the
officer's finish pays it at every ticket); it stays one invitation per ticket."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mpp.feedback.domain import issue_survey_invitation
from mpp.feedback.models import SurveyInvitation
from mpp.queueing import domain as queue
from tests.queueing.conftest import build_hall

pytestmark = pytest.mark.django_db


def test_a_served_ticket_without_contact_gets_exactly_one_invitation():
    hall = build_hall(counters=1)
    counter, officer = hall.counters[0], hall.officers[0]
    ticket = queue.issue_ticket(service=hall.ktp)
    called = queue.call_next(counter=counter, officer=officer)

    with CaptureQueriesContext(connection) as captured:
        queue.finish_service(ticket=called, officer=officer)
    queue.finish_service(ticket=called, officer=officer)  # a double press

    invitation = SurveyInvitation.objects.get()
    assert (invitation.reference, invitation.service_id, invitation.mall_id) == (
        ticket.code,
        hall.ktp.pk,
        hall.mall.pk,
    )
    assert invitation.expires_at > invitation.created_at
    # No read of the service nor of an earlier invitation: one insert that ignores a repeat.
    feedback = [q["sql"] for q in captured.captured_queries if "feedback_" in q["sql"]]
    assert len(feedback) == 1 and feedback[0].startswith("INSERT"), feedback


def test_issuing_the_same_ticket_invitation_again_writes_nothing():
    hall = build_hall(counters=1)
    ticket = queue.issue_ticket(service=hall.ktp)
    for _ in range(2):
        issue_survey_invitation(mall_id=hall.mall.pk, service_id=hall.ktp.pk, reference=ticket.code)
    assert list(SurveyInvitation.objects.values_list("reference", flat=True)) == [ticket.code]
