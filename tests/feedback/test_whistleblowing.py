"""Reports that protect the reporter (issue 12.3, ADR 0019): pungli, gratification and
whistleblowing reports go to the oversight unit (Inspectorate/APIP or Saber Pungli), never to
the agency reported, which sees neither the report nor the reporter — not in lists, detail
pages, the API, counts, Open311 or the LAPOR! export — until the unit shares it (audited)."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from mpp.accounts.enums import StaffRole
from mpp.audit.models import AuditEvent
from mpp.core.clock import local_day
from mpp.feedback import domain
from mpp.feedback.enums import ComplaintStatus, OversightKind
from mpp.feedback.errors import ConflictError, FeedbackError
from mpp.feedback.models import Complaint, OversightUnit
from mpp.feedback.queries import complaint_counts
from tests.factories import AgencyFactory, login_verified
from tests.feedback.conftest import make_staff
from tests.feedback.images import png

pytestmark = pytest.mark.django_db

REPORTER = {"name": "Siti Aminah", "phone": "081234567890", "email": ""}


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def inspektorat(mall):
    agency = AgencyFactory(
        mall=mall,
        slug="inspektorat",
        name="Inspektorat Kabupaten Ngawi",
        short_name="Inspektorat",
        position=90,
    )
    OversightUnit.objects.create(agency=agency, kind=OversightKind.APIP)
    return agency


@pytest.fixture
def inspector(mall, inspektorat):
    return make_staff("pemeriksa", mall, StaffRole.VERIFIER, inspektorat)


def _pungli(mall, polres, **extra):
    fields = {
        "mall": mall,
        "kind": "pungli",
        "subject": "officer",
        "agency": polres,
        "officer_description": "Petugas loket SKCK berkacamata",
        "title": "Diminta uang tambahan untuk SKCK",
        "description": "Petugas meminta Rp50.000 agar SKCK selesai hari ini.",
        "reporter_name": "Siti Aminah",
        "reporter_phone": "081234567890",
    }
    fields.update(extra)
    return domain.file_complaint(**fields).complaint


def _staff_client(user):
    return login_verified(Client(), user)


def test_pungli_about_a_police_officer_goes_to_the_inspectorate(mall, polres, inspektorat):
    complaint = _pungli(mall, polres)
    assert complaint.is_protected
    assert (complaint.agency, complaint.accused_agency) == (inspektorat, polres)
    assert complaint.is_confidential  # never published
    with pytest.raises(ConflictError):
        domain.publish_complaint(complaint=complaint, actor=None, summary="x" * 20, answer="y" * 20)


def test_pungli_prefers_saber_pungli_and_whistleblowing_the_inspectorate(mall, polres, inspektorat):
    saber = AgencyFactory(mall=mall, slug="saber-pungli", short_name="Saber Pungli")
    OversightUnit.objects.create(agency=saber, kind=OversightKind.SABER_PUNGLI)
    assert _pungli(mall, polres).agency == saber
    assert _pungli(mall, polres, kind="gratifikasi").agency == saber
    assert _pungli(mall, polres, kind="wbs").agency == inspektorat


def test_a_report_about_the_inspectorate_never_goes_to_it(mall, inspektorat):
    with pytest.raises(FeedbackError) as caught:
        _pungli(mall, inspektorat)
    assert caught.value.field == "kind"  # no other unit: refused, not routed to the accused


def test_without_an_oversight_unit_the_report_is_refused_with_a_clear_message(mall, polres):
    with pytest.raises(FeedbackError) as caught:
        _pungli(mall, polres)
    assert "lapor.go.id" in caught.value.message


def test_a_protected_report_needs_the_agency_reported(mall, inspektorat):
    with pytest.raises(FeedbackError) as caught:
        _pungli(mall, None, subject="facility", facility="Toilet")
    assert caught.value.field == "agency"


@pytest.mark.usefixtures("inspektorat")
def test_the_accused_agency_sees_nothing_until_the_unit_shares(  # noqa: PLR0917
    mall, polres, skck, inspector, officer_polres, manager, auditor
):
    complaint = _pungli(mall, polres)
    ordinary = domain.file_complaint(
        mall=mall,
        subject="service",
        service=skck,
        title="Antrean SKCK lama",
        description="Menunggu dua jam di loket SKCK.",
        is_anonymous=True,
    ).complaint
    domain.disposition_complaint(complaint=ordinary, actor=manager, agency=polres)

    police = _staff_client(officer_polres)
    desk = police.get("/staf/pengaduan/?show=all").content.decode()
    assert ordinary.code in desk and complaint.code not in desk
    assert "Diminta uang" not in desk
    assert police.get(f"/staf/pengaduan/{complaint.code}/").status_code == 404
    assert police.get(f"/staf/pengaduan/{complaint.code}/foto/").status_code == 404
    listed = police.get("/api/v1/feedback/complaints").json()
    assert listed["count"] == 1 and [i["code"] for i in listed["items"]] == [ordinary.code]

    # Nor the mall's desk (the operator may be the agency reported) or the auditor.
    for user in (manager, auditor):
        page = _staff_client(user).get("/staf/pengaduan/?show=all").content.decode()
        assert complaint.code not in page
        assert _staff_client(user).get(f"/staf/pengaduan/{complaint.code}/").status_code == 404

    unit = _staff_client(inspector)
    assert complaint.code in unit.get("/staf/pengaduan/").content.decode()
    detail = unit.get(f"/staf/pengaduan/{complaint.code}/").content.decode()
    assert "Siti Aminah" in detail and "Polres Ngawi" in detail
    assert "Petugas loket SKCK berkacamata" in detail


def test_counts_open311_and_the_lapor_export_leave_protected_reports_out(
    mall, polres, inspektorat, manager
):
    complaint = _pungli(mall, polres)
    today = local_day(mall)
    counts = complaint_counts(mall=mall, start=date(2000, 1, 1), end=today, today=today)
    assert counts == []
    listed = Client().get("/open311/v2/requests.json").json()
    assert complaint.code not in str(listed)
    exported = _staff_client(manager).get("/staf/pengaduan/lapor.csv").content.decode("utf-8-sig")
    assert complaint.code not in exported
    assert len(list(csv.reader(io.StringIO(exported)))) == 1  # the header only


def test_the_unit_works_the_report_and_cannot_forward_it_to_another_agency(
    mall, polres, inspektorat, inspector
):
    complaint = _pungli(mall, polres)
    with pytest.raises(FeedbackError):
        domain.disposition_complaint(complaint=complaint, actor=inspector, agency=polres)
    with pytest.raises(FeedbackError):
        domain.disposition_complaint(complaint=complaint, actor=inspector, agency=None)
    unit = _staff_client(inspector)
    refused = unit.post(
        f"/staf/pengaduan/{complaint.code}/aksi/",
        {"action": "disposition", "agency": polres.pk, "category": "berkadar"},
    )
    assert refused.status_code == 400
    kept = unit.post(
        f"/staf/pengaduan/{complaint.code}/aksi/",
        {"action": "disposition", "agency": inspektorat.pk, "category": "berkadar"},
    )
    assert kept.status_code == 302
    unit.post(
        f"/staf/pengaduan/{complaint.code}/aksi/",
        {"action": "answer", "answer": "Petugas telah diperiksa dan diberi sanksi disiplin."},
    )
    assert Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.ANSWERED


def test_sharing_with_the_accused_is_audited_and_never_reveals_the_reporter(
    mall, polres, inspektorat, inspector, officer_polres
):
    complaint = _pungli(mall, polres)
    Complaint.objects.filter(pk=complaint.pk).update(
        photo="complaints/x.bin", photo_type="image/png"
    )
    unit = _staff_client(inspector)
    response = unit.post(
        f"/staf/pengaduan/{complaint.code}/aksi/",
        {"action": "share", "share-reason": "Perlu klarifikasi atasan petugas."},
    )
    assert response.status_code == 302
    shared = Complaint.objects.get(pk=complaint.pk)
    assert shared.shared_with_accused_at is not None
    assert shared.shared_with_accused_by == inspector
    audit = AuditEvent.objects.get(action="complaint.shared_with_accused")
    assert audit.data["accused_agency_id"] == polres.pk
    assert "Siti" not in str(audit.data)

    police = _staff_client(officer_polres)
    assert complaint.code in police.get("/staf/pengaduan/?show=all").content.decode()
    detail = police.get(f"/staf/pengaduan/{complaint.code}/").content.decode()
    assert "Diminta uang tambahan" in detail
    assert "Siti Aminah" not in detail and "081234567890" not in detail
    assert "/foto/" not in detail
    assert police.get(f"/staf/pengaduan/{complaint.code}/foto/").status_code == 404
    # Read only: the agency reported cannot answer, close or share it.
    for action in ("answer", "close", "share", "disposition"):
        assert (
            police.post(f"/staf/pengaduan/{complaint.code}/aksi/", {"action": action}).status_code
            == 404
        )
    item = police.get("/api/v1/feedback/complaints").json()["items"][0]
    assert "Siti" not in str(item)
    with pytest.raises(ConflictError):
        domain.share_with_accused(complaint=shared, actor=inspector, note="lagi")


def test_citizen_form_explains_the_path_and_files_an_anonymous_pungli_report(
    client, mall, polres, inspektorat
):
    page = client.get("/pengaduan/baru/?jenis=pungli").content.decode()
    assert "Inspektorat Kabupaten Ngawi" in page
    assert re.search(r'value="pungli"[^>]*checked', page)
    assert re.search(r'value="officer"[^>]*checked', page)
    response = client.post(
        "/pengaduan/baru/",
        {
            "kind": "pungli",
            "subject": "officer",
            "agency": polres.pk,
            "officer": "Petugas loket 4",
            "title": "Diminta uang pelicin",
            "description": "Saya diminta membayar Rp100.000 di luar biaya resmi.",
            "anonymous": "on",
            "form_token": "tok-pungli",
            "photo": SimpleUploadedFile("bukti.png", png(), "image/png"),
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.agency, complaint.accused_agency) == (inspektorat, polres)
    assert complaint.is_anonymous and complaint.reporter_name == ""


def test_citizen_form_without_a_unit_says_where_to_report(client, mall, polres):
    response = client.post(
        "/pengaduan/baru/",
        {
            "kind": "pungli",
            "subject": "officer",
            "agency": polres.pk,
            "title": "Diminta uang pelicin",
            "description": "Saya diminta membayar Rp100.000 di luar biaya resmi.",
            "anonymous": "on",
            "form_token": "tok-pungli-2",
        },
    )
    assert response.status_code == 400
    assert "lapor.go.id" in response.content.decode()
    assert not Complaint.objects.exists()


def test_open311_does_not_answer_for_a_protected_report_by_its_code(mall, polres, inspektorat):
    complaint = _pungli(mall, polres)
    listed = Client().get(f"/open311/v2/requests.json?service_request_id={complaint.code}")
    assert complaint.code not in listed.content.decode()


def test_the_demo_sets_up_the_inspectorate_once(mall):
    from mpp.feedback.demo import load_oversight_demo

    police = AgencyFactory(mall=mall, slug="polres-ngawi", short_name="Polres Ngawi")
    first = load_oversight_demo(mall)
    again = load_oversight_demo(mall)
    unit = OversightUnit.objects.get()
    assert (unit.agency.slug, unit.kind) == ("inspektorat-ngawi", OversightKind.APIP)
    assert (first["reports"], again["reports"]) == (1, 0)
    report = Complaint.objects.get()
    assert (report.agency, report.accused_agency, report.is_anonymous) == (
        unit.agency,
        police,
        True,
    )


def test_the_audit_entry_of_a_protected_report_does_not_name_the_agency_reported(
    mall, polres, skck, inspektorat
):
    complaint = _pungli(mall, polres, subject="service", service=skck)
    entry = AuditEvent.objects.get(action="complaint.received", object_id=str(complaint.pk))
    assert entry.data["agency_id"] == inspektorat.pk
    assert entry.data["service_id"] is None and entry.data["protected"] is True
    ids = [v for k, v in entry.data.items() if k.endswith("_id")]
    assert polres.pk not in ids and skck.pk not in ids


def test_the_api_files_a_pungli_report_to_the_unit(client, mall, polres, inspektorat):
    response = client.post(
        "/api/v1/feedback/complaints",
        {
            "kind": "pungli",
            "subject": "officer",
            "agency": polres.slug,
            "officer": "Petugas loket 4",
            "title": "Diminta uang pelicin",
            "description": "Saya diminta membayar Rp100.000 di luar biaya resmi.",
            "anonymous": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    complaint = Complaint.objects.get(code=response.json()["code"])
    assert (complaint.agency, complaint.accused_agency) == (inspektorat, polres)
