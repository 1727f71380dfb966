"""Survey invitations, answering (link, kiosk without JavaScript, API), reports and exports,
and the query functions the transparency dashboard uses."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mpp.feedback import domain, queries
from mpp.feedback.errors import ConflictError, FeedbackError
from mpp.feedback.models import SurveyInvitation, SurveyResponse
from mpp.feedback.qr import invitation_url, qr_svg
from tests.feedback.conftest import wib
from tests.feedback.test_skm import worked_example_answer_sets

pytestmark = pytest.mark.django_db

ALL_FOUR = dict.fromkeys(["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"], 4)


def test_invitation_is_one_per_served_ticket(ktp):
    first = domain.create_survey_invitation(service=ktp, reference="A7K2M9QX", channel="ticket")
    again = domain.create_survey_invitation(service=ktp, reference="A7K2M9QX", channel="ticket")
    other = domain.create_survey_invitation(service=ktp, reference="", channel="counter")
    assert first.pk == again.pk and other.pk != first.pk
    assert len(first.token) >= 22 and first.token != other.token
    assert invitation_url(first, "https://mpp.ngawikab.go.id").startswith(
        "https://mpp.ngawikab.go.id/survei/"
    )
    assert qr_svg(invitation_url(first)).startswith("<svg")


def test_submit_survey_uses_up_the_invitation(ktp):
    invitation = domain.create_survey_invitation(service=ktp, reference="T1", channel="ticket")
    response = domain.submit_survey(
        invitation=invitation,
        answers={**ALL_FOUR, "U8": None},
        profile={"gender": "P", "age": 34, "education": "SMA", "occupation": "WIRAUSAHA"},
        now=wib(2026, 11, 27, 13, 30),
    )
    assert response.answers() == {k: 4 for k in ALL_FOUR if k != "U8"}
    assert (response.survey_date, response.session, response.agency) == (
        date(2026, 11, 27),
        "13-17",
        ktp.agency,
    )
    with pytest.raises(ConflictError):
        domain.submit_survey(invitation=invitation, answers=ALL_FOUR)
    assert SurveyResponse.objects.count() == 1


def test_expired_invitation_is_refused(ktp):
    invitation = domain.create_survey_invitation(
        service=ktp, reference="OLD", channel="ticket", now=timezone.now() - timedelta(days=30)
    )
    with pytest.raises(ConflictError):
        domain.submit_survey(invitation=invitation, answers=ALL_FOUR)


@pytest.mark.parametrize(
    ("answers", "profile", "field"),
    [
        ({}, {}, "answers"),
        ({"U1": 5}, {}, "answers"),
        ({"U10": 4}, {}, "answers"),
        (ALL_FOUR, {"gender": "X"}, "gender"),
        (ALL_FOUR, {"age": 7}, "age"),
        (ALL_FOUR, {"age": "tua"}, "age"),
        (ALL_FOUR, {"nik": "3521010101900001"}, "nik"),
    ],
)
def test_submit_survey_refuses_bad_input(ktp, answers, profile, field):
    invitation = domain.create_survey_invitation(service=ktp, reference="T1", channel="ticket")
    with pytest.raises(FeedbackError) as caught:
        domain.submit_survey(invitation=invitation, answers=answers, profile=profile)
    assert caught.value.field == field
    invitation.refresh_from_db()
    assert invitation.used_at is None


def test_survey_page_records_answers(client, ktp):
    invitation = domain.create_survey_invitation(service=ktp, reference="T1", channel="ticket")
    page = client.get(f"/survei/{invitation.token}/")
    text = page.content.decode()
    # Question 8 of the questionnaire is about facilities (U9), question 9 about complaints (U8).
    assert text.index('name="U9"') < text.index('name="U8"')
    response = client.post(
        f"/survei/{invitation.token}/", {**ALL_FOUR, "U3": "2", "gender": "L", "age": "40"}
    )
    assert response.status_code == 302
    saved = SurveyResponse.objects.get()
    assert (saved.u3, saved.u9, saved.gender, saved.age) == (2, 4, "L", 40)
    assert client.get(f"/survei/{invitation.token}/").status_code == 410


def test_survey_page_needs_one_answer(client, ktp):
    invitation = domain.create_survey_invitation(service=ktp, reference="T1", channel="ticket")
    response = client.post(f"/survei/{invitation.token}/", {"gender": "L"})
    assert response.status_code == 400
    assert SurveyResponse.objects.count() == 0


def test_unknown_survey_token_is_404(client, mall):
    assert client.get("/survei/tidak-ada-token/").status_code == 404


def test_kiosk_one_question_per_screen_without_javascript(client, ktp):
    domain.create_survey_invitation(service=ktp, reference="B4X7", channel="ticket")
    start = client.post("/survei/kios/", {"code": "b4x7"})
    assert start.status_code == 302
    url = start["Location"]
    token = url.split("/")[2]
    answered = {}
    for step in range(1, 10):
        screen = client.get(f"/survei/{token}/kios/{step}/")
        assert screen.content.decode().count('class="kiosk-answer"') == 4
        choice = "skip" if step == 9 else str(1 + step % 4)
        nxt = client.post(f"/survei/{token}/kios/{step}/", {"answer": choice})
        assert nxt["Location"] == f"/survei/{token}/kios/{step + 1}/"
        answered[step] = choice
    done = client.post(f"/survei/{token}/kios/10/", {"gender": "P", "age": "25"})
    assert done["Location"] == "/survei/terima-kasih/?kios=1"
    saved = SurveyResponse.objects.get()
    # Step 8 is U9 (facilities); step 9 (U8, complaint handling) was skipped.
    assert (saved.channel, saved.u9, saved.u8, saved.u1) == ("kiosk", 1, None, 2)
    thanks = client.get(done["Location"]).content.decode()
    assert 'http-equiv="refresh"' in thanks


def test_kiosk_unknown_code_says_what_to_do(client, mall):
    response = client.post("/survei/kios/", {"code": "NOPE"})
    assert response.status_code == 400
    assert SurveyInvitation.objects.count() == 0


def test_api_submit_survey(client, ktp):
    invitation = domain.create_survey_invitation(service=ktp, reference="T9", channel="ticket")
    body = {"token": invitation.token, "answers": {**ALL_FOUR, "U2": 3}, "profile": {"age": 51}}
    response = client.post("/api/v1/feedback/surveys", body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["answered"] == sorted(ALL_FOUR)
    again = client.post("/api/v1/feedback/surveys", body, content_type="application/json")
    assert again.status_code == 409
    bad = client.post(
        "/api/v1/feedback/surveys",
        {"token": "x" * 12, "answers": ALL_FOUR},
        content_type="application/json",
    )
    assert bad.status_code == 404


def _load_worked_example(service, day=date(2026, 11, 2)):
    for i, answers in enumerate(worked_example_answer_sets()):
        invitation = domain.create_survey_invitation(
            service=service, reference=f"W{i}", channel="ticket"
        )
        domain.submit_survey(
            invitation=invitation, answers=answers, now=wib(day.year, day.month, day.day, 9)
        )


def test_ikm_report_of_the_worked_example_with_sample_warning(ktp):
    _load_worked_example(ktp)
    report = queries.ikm_report(
        mall=ktp.mall, start=date(2026, 11, 1), end=date(2026, 11, 30), service=ktp
    )
    assert (report.result.ikm, report.result.grade.letter, report.respondents) == (
        Decimal("91.48"),
        "A",
        29,
    )
    # Default population: invitations issued (29) → Krejcie–Morgan 27: enough.
    assert (report.population, report.minimum_sample, report.sample_is_enough) == (29, 27, True)
    served = queries.ikm_report(
        mall=ktp.mall,
        start=date(2026, 11, 1),
        end=date(2026, 11, 30),
        service=ktp,
        population=lambda **scope: 1_000,
    )
    assert (served.population, served.minimum_sample, served.sample_is_enough) == (1000, 278, False)


def test_ikm_by_agency_and_for_the_mall(ktp, skck):
    _load_worked_example(ktp)
    invitation = domain.create_survey_invitation(service=skck, reference="S1", channel="ticket")
    domain.submit_survey(
        invitation=invitation, answers=dict.fromkeys(ALL_FOUR, 2), now=wib(2026, 11, 3, 9)
    )
    rows = queries.ikm_by_agency(mall=ktp.mall, start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert [(r.name, str(r.result.ikm), r.result.grade.letter) for r in rows] == [
        ("Dinas Kependudukan", "91.48", "A"),
        ("Polres Ngawi", "50.00", "D"),
    ]
    by_service = queries.ikm_by_service(
        mall=ktp.mall, start=date(2026, 11, 1), end=date(2026, 11, 30)
    )
    assert [r.name for r in by_service] == ["KTP Elektronik", "SKCK"]
    whole = queries.ikm_for_mall(mall=ktp.mall, start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert whole.respondents == 30
    assert (
        queries.ikm_by_agency(mall=ktp.mall, start=date(2026, 10, 1), end=date(2026, 10, 31)) == []
    )


def test_ikm_by_agency_costs_one_query(ktp):
    _load_worked_example(ktp)
    with CaptureQueriesContext(connection) as captured:
        queries.ikm_by_agency(mall=ktp.mall, start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert len(captured) == 1


def test_report_page_shows_index_grade_and_sample_warning(client, ktp):
    _load_worked_example(ktp)
    response = client.get("/survei/laporan/?start=2026-11-01&end=2026-11-30&service=ktp-el")
    text = response.content.decode()
    assert response.status_code == 200
    assert "91,48" in text  # Indonesian decimal comma
    assert "Sangat Baik" in text
    api = client.get(
        "/api/v1/feedback/surveys/report?start=2026-11-01&end=2026-11-30&agency=dispendukcapil"
    )
    body = api.json()
    assert (body["ikm"], body["grade"], body["respondents"], body["weight"]) == (
        91.48,
        "A",
        29,
        "1/9",
    )
    assert [u["code"] for u in body["unsur"]] == [
        "U1",
        "U2",
        "U3",
        "U4",
        "U5",
        "U6",
        "U7",
        "U8",
        "U9",
    ]
    assert body["unsur"][3] == {
        "code": "U4",
        "name": "Biaya/Tarif",
        "total": 116,
        "answered": 29,
        "nrr": 4.0,
    }


def test_report_xlsx_has_the_recap_and_the_tabulation(client, ktp):
    from openpyxl import load_workbook

    _load_worked_example(ktp)
    response = client.get("/survei/laporan/ikm.xlsx?start=2026-11-01&end=2026-11-30&service=ktp-el")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    # Recap, raw tallies, IKM per service, then one row per respondent.
    assert book.sheetnames == ["IKM", "Tabulasi", "Per layanan", "Responden"]
    recap, data = book["IKM"], book["Responden"]
    values = list(recap.iter_rows(values_only=True))
    assert ("IKM (X × 25)", 91.48) in [(r[0], r[1]) for r in values if r and r[0]]
    assert data.max_row == 30  # header + 29 respondents


@pytest.mark.parametrize(
    "query",
    [
        "start=2026-12-01&end=2026-11-01",
        "start=kemarin",
        "agency=tidak-ada",
        "start=2020-01-01&end=2026-01-01",
    ],
)
def test_report_with_bad_filters_is_400_and_says_why(client, ktp, query):
    assert client.get(f"/survei/laporan/?{query}").status_code == 400
