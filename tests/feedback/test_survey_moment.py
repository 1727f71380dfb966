# ruff: noqa: F811 - the applications fixtures are imported by name and used as arguments
"""Survey at the right moment (issue 12.4): the invitation is issued by the domain event that
ends the service — a ticket finished, an application whose result is ready or that was
refused — never by a page view; closing afterwards issues no second one; the survey report's
population is the people served (finished tickets and decided applications), so the
Krejcie–Morgan minimum follows the visits, not the invitations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from mpp.applications import domain as applications
from mpp.applications.enums import ApplicationState as S
from mpp.feedback import queries, skm
from mpp.feedback.models import SurveyInvitation
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

pytestmark = pytest.mark.django_db


def _to_decision(application, verifier, head):
    verifier.is_verified = lambda: True
    head.is_verified = lambda: True
    applications.transition_application(
        application=application, to=S.IN_VERIFICATION, actor=verifier
    )
    applications.transition_application(application=application, to=S.IN_PROCESS, actor=verifier)


def test_a_refused_application_gets_its_survey_when_refused_and_closing_adds_none(
    submitted,
    verifier,
    head,
):
    _to_decision(submitted, verifier, head)
    assert not SurveyInvitation.objects.exists()
    applications.transition_application(
        application=submitted, to=S.REJECTED, actor=head, reason="Berkas tidak lengkap."
    )
    invitation = SurveyInvitation.objects.get()
    assert (invitation.reference, invitation.channel) == (submitted.tracking_code, "application")
    applications.transition_application(application=submitted, to=S.CLOSED, actor=head)
    assert SurveyInvitation.objects.count() == 1


def test_viewing_pages_never_issues_an_invitation(client: Client, submitted, citizen):
    client.force_login(citizen)
    for _view in range(2):
        assert client.get(f"/permohonan/{submitted.public_id}/").status_code == 200
    assert not SurveyInvitation.objects.exists()


def test_the_population_is_the_people_served_not_the_invitations(
    submitted,
    verifier,
    head,
    service,
):
    _to_decision(submitted, verifier, head)
    applications.transition_application(
        application=submitted, to=S.REJECTED, actor=head, reason="Berkas tidak lengkap."
    )
    today = timezone.localdate()
    report = queries.ikm_report(
        mall=service.mall, start=today - timedelta(days=1), end=today, with_details=False
    )
    # One decided application = one person served; no survey answered yet.
    assert (report.population, report.result.respondents) == (1, 0)
    assert report.minimum_sample == skm.krejcie_morgan(1)
    assert report.basis == queries.BASIS_SERVED
