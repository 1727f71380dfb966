"""Follow-up plans of the survey: recorded and updated through the domain (rules, history,
audit trail) and the staff pages (who may do what)."""

from __future__ import annotations

from datetime import date

import pytest

from mpp.audit.models import AuditEvent
from mpp.core.errors import ConflictError, DomainError
from mpp.feedback import domain
from mpp.feedback.enums import FollowUpStatus
from mpp.feedback.models import FollowUpPlan
from tests.factories import login_verified
from tests.feedback.conftest import wib

pytestmark = pytest.mark.django_db
S1 = {"period_start": date(2026, 1, 1), "period_end": date(2026, 6, 30)}


def _plan(mall, **extra):
    fields = {
        "mall": mall,
        **S1,
        "element": "u3",
        "action": "Tambah satu loket KTP pada Senin pagi",
        "responsible": "Kepala Bidang Pelayanan",
        "due_date": date(2026, 9, 30),
        "now": wib(2026, 7, 10, 9),
    }
    fields.update(extra)
    return domain.create_follow_up_plan(**fields)


def test_create_follow_up_plan_records_history_and_audit(mall, dukcapil, manager):
    plan = _plan(mall, agency=dukcapil, actor=manager)

    assert (plan.element, plan.status, plan.progress) == ("U3", FollowUpStatus.PLANNED, 0)
    assert list(plan.updates.values_list("status", "progress")) == [("planned", 0)]
    assert list(
        AuditEvent.objects.filter(action="followup.created").values_list("object_id", flat=True)
    ) == [str(plan.pk)]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"element": "U10"}, "element"),
        ({"action": "   "}, "action"),
        ({"responsible": ""}, "responsible"),
        ({"due_date": date(2025, 12, 31)}, "due_date"),
    ],
)
def test_create_follow_up_plan_refuses_bad_input(mall, change, field):
    with pytest.raises(DomainError) as refused:
        _plan(mall, **change)

    assert refused.value.field == field
    assert FollowUpPlan.objects.count() == 0


def test_service_of_another_agency_is_refused(mall, dukcapil, skck):
    with pytest.raises(DomainError) as refused:
        _plan(mall, agency=dukcapil, service=skck)

    assert refused.value.field == "service"


def test_progress_moves_forward_until_done(mall, manager):
    plan = _plan(mall)
    domain.update_follow_up_progress(
        plan=plan,
        status="in_progress",
        progress=40,
        note="Loket tambahan dipesan",
        actor=manager,
        now=wib(2026, 8, 1, 9),
    )
    with pytest.raises(DomainError) as back:
        domain.update_follow_up_progress(plan=plan, status="in_progress", progress=20)
    done = domain.update_follow_up_progress(
        plan=plan, status="done", note="Loket 7 buka Senin pagi", now=wib(2026, 9, 1, 23, 30)
    )

    assert back.value.field == "progress"
    assert (done.status, done.progress, done.completed_on) == ("done", 100, date(2026, 9, 1))
    assert list(done.updates.values_list("status", "progress")) == [
        ("planned", 0),
        ("in_progress", 40),
        ("done", 100),
    ]
    with pytest.raises(ConflictError):
        domain.update_follow_up_progress(plan=done, status="in_progress", note="lagi")


def test_dropping_needs_a_reason(mall):
    plan = _plan(mall)

    with pytest.raises(DomainError) as refused:
        domain.update_follow_up_progress(plan=plan, status="dropped")

    assert refused.value.field == "note"
    plan.refresh_from_db()
    assert plan.status == "planned"


def test_manager_records_a_commitment_on_the_staff_page(client, mall, dukcapil, manager):
    login_verified(client, manager)
    response = client.post(
        "/staf/survei/tindak-lanjut/",
        {
            "period": "2026-S1",
            "agency": dukcapil.pk,
            "element": "U9",
            "action": "Ganti kursi ruang tunggu",
            "responsible": "Sekretariat MPP",
            "due_date": "2026-10-31",
        },
    )
    plan = FollowUpPlan.objects.get()

    assert response.status_code == 302
    assert response["Location"] == f"/staf/survei/tindak-lanjut/{plan.pk}/"
    assert (plan.agency, plan.element, plan.period_start, plan.period_end) == (
        dukcapil,
        "U9",
        date(2026, 1, 1),
        date(2026, 6, 30),
    )


def test_staff_form_errors_are_specific_and_change_nothing(client, mall, manager):
    login_verified(client, manager)
    response = client.post(
        "/staf/survei/tindak-lanjut/", {"period": "2026-S1", "element": "U9", "due_date": "besok"}
    )
    page = response.content.decode()

    assert response.status_code == 400
    assert "Jelaskan apa yang akan dilakukan." in page
    assert "Sebutkan unit atau petugas penanggung jawab." in page
    assert FollowUpPlan.objects.count() == 0


def test_agency_officer_works_only_their_agencys_commitments(
    client, mall, dukcapil, polres, officer_polres
):
    theirs = _plan(mall, agency=polres)
    other = _plan(mall, agency=dukcapil, action="Perbaiki mesin antrean Dukcapil")
    login_verified(client, officer_polres)

    listing = client.get("/staf/survei/tindak-lanjut/").content.decode()
    assert theirs.action in listing
    assert other.action not in listing
    assert client.get(f"/staf/survei/tindak-lanjut/{other.pk}/").status_code == 404
    response = client.post(
        f"/staf/survei/tindak-lanjut/{theirs.pk}/",
        {"status": "in_progress", "progress": "50", "note": "Separuh selesai"},
    )
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert (theirs.status, theirs.progress) == ("in_progress", 50)


def test_auditor_reads_commitments_and_changes_nothing(client, mall, auditor):
    plan = _plan(mall)
    login_verified(client, auditor)

    page = client.get(f"/staf/survei/tindak-lanjut/{plan.pk}/").content.decode()
    refused = client.post(f"/staf/survei/tindak-lanjut/{plan.pk}/", {"status": "done"})

    assert plan.action in page
    assert "Simpan kemajuan" not in page
    assert refused.status_code == 404
    plan.refresh_from_db()
    assert plan.status == "planned"


def test_follow_up_list_costs_a_fixed_number_of_queries(
    client, mall, dukcapil, manager, django_assert_max_num_queries
):
    for n in range(12):
        _plan(mall, agency=dukcapil, action=f"Komitmen {n}")
    login_verified(client, manager)

    with django_assert_max_num_queries(20):
        response = client.get("/staf/survei/tindak-lanjut/")

    assert response.content.decode().count("Komitmen ") == 12
