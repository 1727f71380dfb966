"""Moderation before publication (issue 12.3): survey suggestions appear on the public survey
report and in its public spreadsheet only after the mall manager approved them (audited);
published complaint answers are the de-identified text the mall's desk wrote, never the
agency's raw answer, and only the desk publishes."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from mpp.audit.models import AuditEvent
from mpp.feedback import domain
from mpp.feedback.enums import ModerationStatus
from mpp.feedback.errors import FeedbackError
from mpp.feedback.models import SurveyResponse
from tests.factories import login_verified

pytestmark = pytest.mark.django_db

ALL_FOUR = {f"U{i}": 4 for i in range(1, 10)}
RUDE = "Petugas loket 3 bernama Budi 081234567890 malas sekali"
GOOD = "Tambah kursi di ruang tunggu lantai dua"


def _answer(ktp, reference: str, suggestion: str) -> SurveyResponse:
    invitation = domain.create_survey_invitation(service=ktp, reference=reference, channel="ticket")
    return domain.submit_survey(invitation=invitation, answers=ALL_FOUR, suggestion=suggestion)


def _report_page() -> str:
    year = timezone.localdate().year
    return Client().get(f"/survei/laporan/?period={year}").content.decode()


def test_suggestions_are_public_only_once_approved(ktp, manager):
    rude, good = _answer(ktp, "T1", RUDE), _answer(ktp, "T2", GOOD)
    assert rude.suggestion_status == ModerationStatus.PENDING
    page = _report_page()
    assert RUDE not in page and GOOD not in page

    domain.moderate_suggestion(response=good, actor=manager, decision="approved")
    domain.moderate_suggestion(response=rude, actor=manager, decision="rejected")
    page = _report_page()
    assert GOOD in page and RUDE not in page
    audit = AuditEvent.objects.filter(action="survey.suggestion_moderated")
    assert audit.count() == 2
    assert all(RUDE not in str(a.data) and GOOD not in str(a.data) for a in audit)


def test_the_public_spreadsheet_leaves_unmoderated_text_out(ktp, manager):
    _answer(ktp, "T1", RUDE)
    good = _answer(ktp, "T2", GOOD)
    domain.moderate_suggestion(response=good, actor=manager, decision="approved")
    year = timezone.localdate().year
    response = Client().get(f"/survei/laporan/?period={year}&format=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    cells = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert GOOD in cells and RUDE not in " ".join(cells)


def test_the_manager_moderates_on_the_staff_page(ktp, manager):
    rude, good = _answer(ktp, "T1", RUDE), _answer(ktp, "T2", GOOD)
    client = login_verified(Client(), manager)
    page = client.get("/staf/survei/saran/").content.decode()
    assert RUDE in page and GOOD in page
    done = client.post(
        "/staf/survei/saran/?show=pending", {"response": good.pk, "decision": "approved"}
    )
    assert done.status_code == 302
    client.post("/staf/survei/saran/", {"response": rude.pk, "decision": "rejected"})
    assert SurveyResponse.objects.get(pk=good.pk).suggestion_status == "approved"
    stored = SurveyResponse.objects.get(pk=rude.pk)
    assert (stored.suggestion_status, stored.suggestion_moderated_by) == ("rejected", manager)
    assert GOOD in client.get("/staf/survei/saran/?show=approved").content.decode()
    assert client.post("/staf/survei/saran/", {"response": "x"}).status_code == 404
    bad = client.post("/staf/survei/saran/", {"response": good.pk, "decision": "maybe"})
    assert bad.status_code == 302  # the message says what to choose; nothing changed
    assert SurveyResponse.objects.get(pk=good.pk).suggestion_status == "approved"


def test_agency_staff_and_the_auditor_cannot_moderate(ktp, officer_dukcapil, auditor):
    response = _answer(ktp, "T1", GOOD)
    for user in (officer_dukcapil, auditor):
        client = login_verified(Client(), user)
        assert client.get("/staf/survei/saran/").status_code == 404
        assert (
            client.post("/staf/survei/saran/", {"response": response.pk, "decision": "approved"})
        ).status_code == 404
    assert SurveyResponse.objects.get(pk=response.pk).suggestion_status == "pending"


def test_a_response_without_suggestion_cannot_be_moderated(ktp, manager):
    response = _answer(ktp, "T1", "")
    with pytest.raises(FeedbackError):
        domain.moderate_suggestion(response=response, actor=manager, decision="approved")


def test_complaint_answers_are_public_only_as_the_desk_published_them(
    ktp, manager, officer_dukcapil
):
    complaint = domain.file_complaint(
        mall=ktp.mall,
        subject="service",
        service=ktp,
        title="Antrean KTP lama",
        description="Menunggu tiga jam di loket KTP.",
        is_anonymous=True,
    ).complaint
    complaint = domain.disposition_complaint(complaint=complaint, actor=manager, agency=ktp.agency)
    raw = "Petugas Budi sudah kami tegur, maaf atas antreannya."
    complaint = domain.answer_complaint(complaint=complaint, actor=officer_dukcapil, answer=raw)
    public = Client()
    assert raw not in public.get("/pengaduan/publik/").content.decode()
    assert raw not in public.get("/open311/v2/requests.json").content.decode()
    agency = login_verified(Client(), officer_dukcapil)
    refused = agency.post(
        f"/staf/pengaduan/{complaint.code}/aksi/",
        {"action": "publish", "summary": "x" * 20, "public_answer": raw},
    )
    assert refused.status_code == 404
    domain.publish_complaint(
        complaint=complaint,
        actor=manager,
        summary="Antrean KTP terlalu lama pada hari Senin.",
        answer="Loket KTP ditambah satu petugas pada hari Senin.",
    )
    page = public.get("/pengaduan/publik/").content.decode()
    assert "Loket KTP ditambah satu petugas" in page and raw not in page
