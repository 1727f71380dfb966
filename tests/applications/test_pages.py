"""The citizen's pages through the real stack: start, draft, upload, review, submit, follow,
withdraw; and the officer's inbox and case page."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from mpp.applications import domain
from mpp.applications.enums import ApplicationState
from mpp.applications.models import Application
from tests.applications.conftest import fill_completely
from tests.applications.factories import (
    VALID_NIK,
    jpeg_bytes,
    login_verified,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db
S = ApplicationState


def _form_data(service, **extra):
    requirement = service.requirements.get(position=4)
    data = {
        f"req-{requirement.pk}": "081234567890",
        "f-nama_anak": "Bima Pratama",
        "f-tanggal_lahir": "2026-11-02",
        "f-jenis_kelamin": "Laki-laki",
        "f-nik_ibu": VALID_NIK,
        "f-alamat-kecamatan": "35.21.09",
        "f-alamat-desa": "ketanggi",
        "f-alamat-street": "Jl. Teuku Umar 5",
        "contact_phone": "0812 3456 7890",
        "contact_email": "siti@example.id",
    }
    data.update(extra)
    return data


def test_start_page_lists_what_is_needed(client: Client, service):
    response = client.get(reverse("applications:start", args=[service.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Surat keterangan lahir" in html
    assert "Nomor ponsel aktif" in html


def test_start_refuses_a_counter_only_service(client: Client, mall):
    from tests.factories import ServiceFactory

    counter_only = ServiceFactory(mall=mall, agency__mall=mall, slug="skck", channel="counter")
    response = client.get(reverse("applications:start", args=[counter_only.slug]))
    assert response.status_code == 404


def test_starting_needs_an_account(client: Client, service):
    response = client.post(reverse("applications:start", args=[service.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert Application.objects.count() == 0


def test_citizen_fills_reviews_and_submits(
    client: Client, service, citizen, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    response = client.post(reverse("applications:start", args=[service.slug]))
    application = Application.objects.get()
    assert response["Location"] == reverse("applications:edit", args=[application.public_id])
    edit_url = reverse("applications:edit", args=[application.public_id])
    page = client.get(edit_url).content.decode()
    assert "Nama anak" in page
    r1 = service.requirements.get(position=1)
    r2 = service.requirements.get(position=2)
    data = _form_data(
        service,
        action="review",
        **{
            f"doc-{r1.pk}": _file("surat lahir.pdf", pdf_bytes()),
            f"doc-{r2.pk}": _file("kk.jpeg", jpeg_bytes()),
        },
    )
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("applications:review", args=[application.public_id])
    review = client.get(response["Location"]).content.decode()
    # Check your answers: the owner sees the whole NIK, so a typo can still be caught.
    assert VALID_NIK in review
    assert "3521••••••••0001" not in review
    assert "Desa/Kel. Ketanggi, Kec. Ngawi, Kabupaten Ngawi" in review
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("applications:review", args=[application.public_id]))
    application.refresh_from_db()
    assert application.state == S.SUBMITTED
    assert response["Location"] == reverse("applications:submitted", args=[application.public_id])
    confirmation = client.get(response["Location"]).content.decode()
    assert application.tracking_code in confirmation
    assert [m.to for m in mail.outbox] == [["siti@example.id"]]
    assert application.tracking_code in mail.outbox[0].subject
    # Everywhere else the NIK stays masked, the submitted application's own page included.
    detail = client.get(reverse("applications:detail", args=[application.public_id]))
    assert "3521••••••••0001" in detail.content.decode()
    assert VALID_NIK not in detail.content.decode()
    edit = client.get(reverse("applications:review", args=[application.public_id]), follow=True)
    assert VALID_NIK not in edit.content.decode()


def test_saving_a_draft_keeps_answers_and_masks_the_nik(client: Client, draft, citizen):
    client.force_login(citizen)
    url = reverse("applications:edit", args=[draft.public_id])
    response = client.post(url, _form_data(draft.service, action="save"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.answers["f-nama_anak"] == "Bima Pratama"
    assert draft.answers["f-nik_ibu"]["masked"] == "3521••••••••0001"
    assert VALID_NIK not in str(draft.answers)
    page = client.get(url).content.decode()
    assert "Bima Pratama" in page
    assert VALID_NIK not in page
    assert "3521••••••••0001" in page


def test_invalid_nik_is_explained_and_nothing_is_saved(client: Client, draft, citizen):
    client.force_login(citizen)
    url = reverse("applications:edit", args=[draft.public_id])
    response = client.post(
        url, _form_data(draft.service, action="save", **{"f-nik_ibu": "3521093213900001"})
    )
    assert response.status_code == 422
    assert "bukan tanggal" in response.content.decode()
    draft.refresh_from_db()
    assert draft.answers == {}


def test_refused_upload_changes_nothing(client: Client, draft, citizen):
    client.force_login(citizen)
    r1 = draft.service.requirements.get(position=1)
    url = reverse("applications:edit", args=[draft.public_id])
    data = _form_data(
        draft.service,
        action="save",
        **{f"doc-{r1.pk}": _file("x.pdf", b"<html><script>alert(1)</script></html>")},
    )
    response = client.post(url, data)
    assert response.status_code == 422
    assert "SVG" in response.content.decode()
    draft.refresh_from_db()
    assert draft.answers == {}
    assert draft.documents.count() == 0


def test_continue_with_missing_items_shows_what_is_missing(client: Client, draft, citizen):
    client.force_login(citizen)
    url = reverse("applications:edit", args=[draft.public_id])
    response = client.post(url, {"action": "review", "contact_phone": "081234567890"})
    html = response.content.decode()
    assert response.status_code == 422
    assert "Unggah dokumen ini." in html


def test_remove_a_file(client: Client, draft, citizen):
    fill_completely(draft, citizen)
    client.force_login(citizen)
    document = draft.documents.first()
    response = client.post(
        reverse("applications:edit", args=[draft.public_id]), {"remove": str(document.public_id)}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.is_current is False


def test_detail_shows_timeline_and_revision_request(client: Client, submitted, citizen, verifier):
    verifier.is_verified = lambda: True
    domain.transition_application(application=submitted, to=S.IN_VERIFICATION, actor=verifier)
    r2 = submitted.service.requirements.get(position=2)
    domain.transition_application(
        application=submitted,
        to=S.NEEDS_REVISION,
        actor=verifier,
        requirement_reasons={str(r2.pk): "KK terpotong"},
    )
    client.force_login(citizen)
    html = client.get(reverse("applications:detail", args=[submitted.public_id])).content.decode()
    assert "KK terpotong" in html
    assert "Perlu perbaikan" in html
    edit = client.get(reverse("applications:edit", args=[submitted.public_id])).content.decode()
    assert "KK terpotong" in edit


def test_withdraw_from_the_detail_page(client: Client, submitted, citizen):
    client.force_login(citizen)
    url = reverse("applications:withdraw", args=[submitted.public_id])
    assert client.get(url).status_code == 200
    client.post(url, {"reason": "salah pilih"})
    submitted.refresh_from_db()
    assert submitted.state == S.WITHDRAWN


def test_personal_pages_are_not_cached(client: Client, submitted, citizen):
    client.force_login(citizen)
    response = client.get(reverse("applications:detail", args=[submitted.public_id]))
    assert "no-store" in response["Cache-Control"]


def test_my_applications_lists_mine_only(
    client: Client, submitted, citizen, other_citizen, service
):
    domain.create_application(service=service, applicant=other_citizen)
    client.force_login(citizen)
    response = client.get(reverse("applications:mine"))
    assert [a.pk for a in response.context["applications"]] == [submitted.pk]


def test_my_applications_query_count_does_not_grow(
    client: Client, service, citizen, django_assert_max_num_queries
):
    for _ in range(5):
        domain.create_application(service=service, applicant=citizen)
    client.force_login(citizen)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("applications:mine"))
    assert len(response.context["applications"]) == 5


def test_officer_inbox_and_case_page(client: Client, submitted, verifier):
    login_verified(client, verifier)
    response = client.get(reverse("applications:inbox"))
    assert [a.pk for a in response.context["items"]] == [submitted.pk]
    case = client.get(reverse("applications:case", args=[submitted.public_id]))
    html = case.content.decode()
    assert case.status_code == 200
    assert "Surat keterangan lahir" in html
    assert "3521••••••••0001" in html
    assert VALID_NIK not in html


def test_inbox_query_count_does_not_grow(
    client: Client, service, citizen, verifier, django_assert_max_num_queries
):
    from tests.applications.conftest import fill_completely as fill

    for _ in range(4):
        application = domain.create_application(service=service, applicant=citizen)
        fill(application, citizen)
        domain.submit_application(application=application, actor=citizen)
    login_verified(client, verifier)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("applications:inbox"))
    assert len(response.context["items"]) == 4


def test_officer_moves_a_case_from_the_case_page(client: Client, submitted, verifier):
    login_verified(client, verifier)
    url = reverse("applications:transition", args=[submitted.public_id])
    response = client.post(url, {"to": S.IN_VERIFICATION})
    assert response.status_code == 302
    r2 = submitted.service.requirements.get(position=2)
    client.post(url, {"to": S.NEEDS_REVISION, f"reason-{r2.pk}": "Foto KK buram"})
    submitted.refresh_from_db()
    assert submitted.state == S.NEEDS_REVISION
    assert submitted.revision_requests == {str(r2.pk): "Foto KK buram"}
    assert submitted.paused_on is not None


def test_officer_illegal_move_gets_a_message_not_a_500(client: Client, submitted, verifier):
    login_verified(client, verifier)
    response = client.post(
        reverse("applications:transition", args=[submitted.public_id]), {"to": S.CLOSED}
    )
    assert response.status_code == 409
    submitted.refresh_from_db()
    assert submitted.state == S.SUBMITTED


def test_bulk_start_verification(client: Client, submitted, verifier):
    login_verified(client, verifier)
    response = client.post(
        reverse("applications:bulk"),
        {"action": "start_verification", "selected": [str(submitted.public_id), "not-a-uuid"]},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.state, submitted.assigned_to) == (S.IN_VERIFICATION, verifier)


def test_nik_reveal_is_audited(client: Client, submitted, verifier):
    from mpp.audit.models import AuditEvent

    login_verified(client, verifier)
    response = client.post(
        reverse("applications:reveal-nik", args=[submitted.public_id]), {"field": "f-nik_ibu"}
    )
    assert VALID_NIK in response.content.decode()
    event = AuditEvent.objects.get(action="application.nik_revealed")
    assert event.actor_id == verifier.pk
    assert VALID_NIK not in str(event.data)


def test_staff_without_second_factor_is_sent_to_it(client: Client, verifier):
    client.force_login(verifier)
    response = client.get(reverse("applications:inbox"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-factor"))


def _file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_finished_application_offers_one_satisfaction_survey(
    client: Client, submitted, citizen, verifier, head
):
    from mpp.feedback.models import SurveyInvitation

    verifier.is_verified = lambda: True
    head.is_verified = lambda: True
    domain.transition_application(application=submitted, to=S.IN_VERIFICATION, actor=verifier)
    domain.transition_application(application=submitted, to=S.IN_PROCESS, actor=verifier)
    client.force_login(citizen)
    url = reverse("applications:detail", args=[submitted.public_id])
    before = client.get(url).content.decode()
    domain.transition_application(application=submitted, to=S.APPROVED, actor=head)
    domain.transition_application(
        application=submitted, to=S.RESULT_READY, actor=head, result_kind="pickup"
    )
    # Issued when the result was ready (ApplicationStateChanged), before any page view.
    assert SurveyInvitation.objects.filter(reference=submitted.tracking_code).count() == 1

    first = client.get(url).content.decode()
    client.get(url)

    invitation = SurveyInvitation.objects.get(reference=submitted.tracking_code)
    assert "survey-title" not in before
    assert f"/survei/{invitation.token}/" in first
    assert SurveyInvitation.objects.filter(reference=submitted.tracking_code).count() == 1
