"""The application state machine: allowed moves, who may make them, what each move records."""

from __future__ import annotations

import pytest

from mpp.applications import domain
from mpp.applications.domain import ApplicationError, Conflict, NotAllowed, NotFound
from mpp.applications.enums import (
    APPLICANT_MOVES,
    STAFF_ROLES_FOR,
    TRANSITIONS,
    ApplicationState,
)
from mpp.applications.models import ApplicationStatusEvent
from mpp.audit.models import AuditEvent
from tests.applications.conftest import fill_completely
from tests.applications.factories import login_verified

pytestmark = pytest.mark.django_db
S = ApplicationState


def _verified(user):
    """Mark a staff user object as having passed the second factor (as OTPMiddleware does)."""
    user.is_verified = lambda: True
    return user


def test_every_state_has_a_row_in_the_transitions_table():
    assert set(TRANSITIONS) == set(S.values)
    for targets in TRANSITIONS.values():
        assert targets <= set(S.values)


def test_every_staff_target_names_the_roles_that_may_make_it():
    staff_targets = {
        to for frm, tos in TRANSITIONS.items() for to in tos if (frm, to) not in APPLICANT_MOVES
    }
    assert staff_targets - {S.WITHDRAWN} <= set(STAFF_ROLES_FOR)


def test_submit_assigns_tracking_code_due_date_and_event(draft, citizen):
    fill_completely(draft, citizen)
    domain.submit_application(application=draft, actor=citizen)
    draft.refresh_from_db()
    assert draft.state == S.SUBMITTED
    assert len(draft.tracking_code) == 10
    assert set(draft.tracking_code) <= set(domain.TRACKING_ALPHABET)
    assert draft.due_date is not None
    event = draft.events.get()
    assert (event.from_state, event.to_state, event.actor, event.actor_kind) == (
        S.DRAFT,
        S.SUBMITTED,
        citizen,
        ApplicationStatusEvent.ActorKind.APPLICANT,
    )
    audit = AuditEvent.objects.filter(action="application.transition", object_id=str(draft.pk))
    assert [e.data["to"] for e in audit] == [S.SUBMITTED]


def test_submit_refuses_an_incomplete_application_and_changes_nothing(draft, citizen):
    with pytest.raises(ApplicationError) as caught:
        domain.submit_application(application=draft, actor=citizen)
    draft.refresh_from_db()
    assert draft.state == S.DRAFT
    assert draft.tracking_code is None
    required_documents = draft.service.requirements.filter(is_mandatory=True, position__lte=2)
    assert {f"doc-{r.pk}" for r in required_documents} <= set(caught.value.errors)
    assert "f-nik_ibu" in caught.value.errors
    assert draft.events.count() == 0


def test_submit_needs_a_verified_contact(draft, citizen):
    fill_completely(draft, citizen)
    citizen.email_verified_at = None
    citizen.phone_verified_at = None
    citizen.save()
    with pytest.raises(ApplicationError) as caught:
        domain.submit_application(application=draft, actor=citizen)
    assert caught.value.field == "account"


def test_full_journey_records_every_transition(submitted, citizen, verifier, head, counter_officer):
    _verified(verifier), _verified(head), _verified(counter_officer)
    domain.transition_application(application=submitted, to=S.IN_VERIFICATION, actor=verifier)
    requirement = submitted.service.requirements.get(position=2)
    domain.transition_application(
        application=submitted,
        to=S.NEEDS_REVISION,
        actor=verifier,
        requirement_reasons={str(requirement.pk): "KK buram, foto ulang"},
    )
    submitted.refresh_from_db()
    assert submitted.revision_requests == {str(requirement.pk): "KK buram, foto ulang"}
    # Resubmitting without a new file for the flagged requirement is refused.
    with pytest.raises(ApplicationError) as caught:
        domain.submit_application(application=submitted, actor=citizen)
    assert f"doc-{requirement.pk}" in caught.value.errors
    from tests.applications.conftest import upload
    from tests.applications.factories import jpeg_bytes

    domain.add_document(
        application=submitted,
        requirement_id=requirement.pk,
        upload=upload("kk-baru.jpg", jpeg_bytes(color="green")),
        actor=citizen,
    )
    domain.submit_application(application=submitted, actor=citizen)
    domain.transition_application(application=submitted, to=S.IN_VERIFICATION, actor=verifier)
    domain.transition_application(application=submitted, to=S.IN_PROCESS, actor=verifier)
    domain.transition_application(application=submitted, to=S.APPROVED, actor=head)
    domain.transition_application(
        application=submitted,
        to=S.RESULT_READY,
        actor=counter_officer,
        result_kind="pickup",
        result_note="Loket A01, mulai besok 08.00",
    )
    domain.transition_application(application=submitted, to=S.CLOSED, actor=counter_officer)
    submitted.refresh_from_db()
    assert [(e.from_state, e.to_state) for e in submitted.events.all()] == [
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.IN_VERIFICATION),
        (S.IN_VERIFICATION, S.NEEDS_REVISION),
        (S.NEEDS_REVISION, S.SUBMITTED),
        (S.SUBMITTED, S.IN_VERIFICATION),
        (S.IN_VERIFICATION, S.IN_PROCESS),
        (S.IN_PROCESS, S.APPROVED),
        (S.APPROVED, S.RESULT_READY),
        (S.RESULT_READY, S.CLOSED),
    ]
    assert submitted.revision_requests == {}
    assert submitted.closed_at is not None
    assert submitted.events.get(to_state=S.NEEDS_REVISION).details == {
        "requirements": {str(requirement.pk): "KK buram, foto ulang"}
    }


def test_illegal_transition_is_refused_and_nothing_changes(submitted, head):
    _verified(head)
    with pytest.raises(Conflict):
        domain.transition_application(application=submitted, to=S.APPROVED, actor=head)
    submitted.refresh_from_db()
    assert submitted.state == S.SUBMITTED
    assert submitted.events.count() == 1


def test_verifier_may_not_decide(submitted, verifier):
    _verified(verifier)
    domain.transition_application(application=submitted, to=S.IN_VERIFICATION, actor=verifier)
    domain.transition_application(application=submitted, to=S.IN_PROCESS, actor=verifier)
    with pytest.raises(NotAllowed):
        domain.transition_application(application=submitted, to=S.APPROVED, actor=verifier)


def test_rejection_needs_a_reason(submitted, verifier, head):
    _verified(verifier), _verified(head)
    domain.transition_application(application=submitted, to=S.IN_VERIFICATION, actor=verifier)
    with pytest.raises(ApplicationError) as caught:
        domain.transition_application(application=submitted, to=S.REJECTED, actor=head)
    assert caught.value.field == "reason"
    domain.transition_application(
        application=submitted, to=S.REJECTED, actor=head, reason="Bukan warga Ngawi"
    )
    submitted.refresh_from_db()
    assert (submitted.state, submitted.decision_reason) == (S.REJECTED, "Bukan warga Ngawi")


def test_revision_request_needs_a_reason(submitted, verifier):
    _verified(verifier)
    domain.transition_application(application=submitted, to=S.IN_VERIFICATION, actor=verifier)
    with pytest.raises(ApplicationError):
        domain.transition_application(application=submitted, to=S.NEEDS_REVISION, actor=verifier)
    with pytest.raises(ApplicationError):
        domain.transition_application(
            application=submitted,
            to=S.NEEDS_REVISION,
            actor=verifier,
            requirement_reasons={"999999": "no such requirement"},
        )


def test_applicant_can_withdraw_until_decided(submitted, citizen, verifier, head):
    _verified(verifier), _verified(head)
    domain.transition_application(application=submitted, to=S.IN_VERIFICATION, actor=verifier)
    domain.transition_application(application=submitted, to=S.IN_PROCESS, actor=verifier)
    domain.withdraw_application(application=submitted, actor=citizen, reason="Salah layanan")
    submitted.refresh_from_db()
    assert submitted.state == S.WITHDRAWN


def test_applicant_cannot_withdraw_once_approved(submitted, citizen, verifier, head):
    _verified(verifier), _verified(head)
    for state, actor in (
        (S.IN_VERIFICATION, verifier),
        (S.IN_PROCESS, verifier),
        (S.APPROVED, head),
    ):
        domain.transition_application(application=submitted, to=state, actor=actor)
    with pytest.raises(Conflict):
        domain.withdraw_application(application=submitted, actor=citizen)


def test_officers_cannot_move_their_own_application(mall, service, verifier):
    from tests.applications.factories import CitizenFactory

    _verified(verifier)
    verifier.email_verified_at = CitizenFactory().email_verified_at
    verifier.save()
    application = domain.create_application(service=service, applicant=verifier)
    fill_completely(application, verifier)
    domain.submit_application(application=application, actor=verifier)
    with pytest.raises(NotAllowed):
        domain.transition_application(application=application, to=S.IN_VERIFICATION, actor=verifier)


def test_other_agency_officer_gets_not_found(submitted, other_officer):
    _verified(other_officer)
    with pytest.raises(NotFound):
        domain.transition_application(
            application=submitted, to=S.IN_VERIFICATION, actor=other_officer
        )


def test_officer_without_second_factor_gets_not_found(submitted, verifier):
    with pytest.raises(NotFound):
        domain.transition_application(application=submitted, to=S.IN_VERIFICATION, actor=verifier)


def test_download_result_needs_a_file(submitted, verifier, head):
    _verified(verifier), _verified(head)
    for state, actor in (
        (S.IN_VERIFICATION, verifier),
        (S.IN_PROCESS, verifier),
        (S.APPROVED, head),
    ):
        domain.transition_application(application=submitted, to=state, actor=actor)
    with pytest.raises(ApplicationError) as caught:
        domain.transition_application(
            application=submitted, to=S.RESULT_READY, actor=head, result_kind="download"
        )
    assert caught.value.field == "result_file"


def test_assign_only_to_verifiers_of_the_agency(submitted, head, verifier, other_officer):
    _verified(head)
    domain.assign_application(application=submitted, assignee=verifier, actor=head)
    submitted.refresh_from_db()
    assert submitted.assigned_to == verifier
    with pytest.raises(ApplicationError):
        domain.assign_application(application=submitted, assignee=other_officer, actor=head)


def test_login_verified_helper_marks_the_session(client, verifier):
    login_verified(client, verifier)
    from django_otp import DEVICE_ID_SESSION_KEY

    assert DEVICE_ID_SESSION_KEY in client.session
