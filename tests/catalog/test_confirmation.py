"""Agencies own their standards: confirmation by the agency, its review date, its audit entry,
what clears it, the mall manager's overview, and what citizens see."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.test import Client
from django.urls import reverse

from mpp.accounts.enums import StaffRole
from mpp.audit.models import AuditEvent
from mpp.catalog import confirmation
from mpp.catalog.domain import RequirementData, service_data_from, upsert_service
from mpp.catalog.models import Service, review_due_after
from mpp.core.errors import DomainError, ForbiddenError
from tests.accounts.test_admin_permissions import login, staff
from tests.factories import AgencyFactory, RequirementFactory, ServiceFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # 10.00 WIB on Monday 2 March 2026


@pytest.fixture
def agency(mall):
    return AgencyFactory(mall=mall, slug="dukcapil", short_name="Dukcapil", maklumat="Janji.")


@pytest.fixture
def service(agency):
    service = ServiceFactory(agency=agency, slug="kk", name="Kartu Keluarga")
    RequirementFactory(service=service, text="KTP-el")
    return service


@pytest.fixture
def admin_of_agency(mall, agency):
    return staff("admin-dukcapil", mall, StaffRole.AGENCY_ADMIN, agency)


def _confirm(service, actor, **overrides):
    arguments = {
        "decree_number": "188/12/404.101/2025",
        "decree_date": date(2025, 1, 6),
        "note": "Dicocokkan dengan SK.",
        "now": NOW,
    }
    arguments.update(overrides)
    return confirmation.confirm_service(service=service, actor=actor, **arguments)


def test_confirm_service_by_agency_admin_records_who_when_decree_and_audit(
    service, admin_of_agency
):
    confirmed = _confirm(service, admin_of_agency)

    stored = Service.objects.get(pk=service.pk)
    event = AuditEvent.objects.filter(action="catalog.service.confirmed").get()
    assert (stored.confirmed_at, stored.confirmed_by, stored.last_verified) == (
        NOW,
        admin_of_agency,
        date(2026, 3, 2),
    )
    assert (stored.decree_number, stored.decree_date) == ("188/12/404.101/2025", date(2025, 1, 6))
    assert (event.actor_id, event.object_id, event.data["decree_number"]) == (
        admin_of_agency.pk,
        str(service.pk),
        "188/12/404.101/2025",
    )
    assert confirmed.review_due == date(2027, 3, 2)


@pytest.mark.parametrize("role", [StaffRole.MALL_MANAGER, StaffRole.CATALOGUE_EDITOR])
def test_confirm_service_by_someone_not_the_agency_admin_is_refused(mall, agency, service, role):
    other = staff("someone", mall, role, None if role == StaffRole.MALL_MANAGER else agency)

    with pytest.raises(ForbiddenError):
        _confirm(service, other)

    assert Service.objects.get(pk=service.pk).confirmed_at is None
    assert not AuditEvent.objects.filter(action="catalog.service.confirmed").exists()


def test_confirm_service_by_admin_of_another_agency_is_refused(mall, service):
    other = staff("admin-samsat", mall, StaffRole.AGENCY_ADMIN, AgencyFactory(mall=mall))

    with pytest.raises(ForbiddenError):
        _confirm(service, other)

    assert Service.objects.get(pk=service.pk).confirmed_at is None


def test_confirm_service_without_decree_number_or_date_is_refused(service, admin_of_agency):
    with pytest.raises(DomainError) as raised:
        _confirm(service, admin_of_agency, decree_number=" ", decree_date=None)

    assert set(raised.value.errors) == {"decree_number", "decree_date"}
    assert Service.objects.get(pk=service.pk).confirmed_at is None


def test_confirm_service_with_decree_in_the_future_is_refused(service, admin_of_agency):
    with pytest.raises(DomainError) as raised:
        _confirm(service, admin_of_agency, decree_date=date(2026, 3, 3))

    assert raised.value.field == "decree_date"


def test_review_is_due_twelve_months_later_on_the_last_day_when_the_day_is_missing():
    assert review_due_after(datetime(2024, 2, 29, 5, 0, tzinfo=UTC)) == date(2025, 2, 28)
    assert review_due_after(datetime(2025, 8, 31, 17, 30, tzinfo=UTC)) == date(2026, 9, 1)
    assert review_due_after(None) is None


def test_changing_what_citizens_read_clears_the_confirmation(service, admin_of_agency):
    _confirm(service, admin_of_agency)
    data = service_data_from(Service.objects.get(pk=service.pk))
    data.fee_note = "Tidak dipungut biaya."

    changed, _ = upsert_service(mall=service.mall, agency=service.agency, data=data)

    assert (changed.confirmed_at, Service.objects.get(pk=service.pk).confirmed_at) == (None, None)


def test_changing_a_requirement_clears_the_confirmation(service, admin_of_agency):
    _confirm(service, admin_of_agency)
    data = service_data_from(Service.objects.get(pk=service.pk))
    data.requirements = [RequirementData(text="KTP-el asli")]

    upsert_service(mall=service.mall, agency=service.agency, data=data)

    assert Service.objects.get(pk=service.pk).confirmed_at is None


def test_changing_bookkeeping_keeps_the_confirmation(service, admin_of_agency):
    _confirm(service, admin_of_agency)
    data = service_data_from(Service.objects.get(pk=service.pk))
    data.source = "SK Kepala Dinas"
    data.position = 5
    data.open_questions = ""

    upsert_service(mall=service.mall, agency=service.agency, data=data)

    assert Service.objects.get(pk=service.pk).confirmed_at == NOW


def test_confirm_agency_profile_needs_a_pledge_and_the_agency_admin(mall, agency, admin_of_agency):
    agency.maklumat = ""
    agency.save()
    with pytest.raises(DomainError):
        confirmation.confirm_agency_profile(agency=agency, actor=admin_of_agency, now=NOW)
    agency.maklumat = "Kami sanggup melayani sesuai standar."
    agency.save()

    confirmed = confirmation.confirm_agency_profile(agency=agency, actor=admin_of_agency, now=NOW)

    assert (confirmed.confirmed_at, confirmed.confirmed_by) == (NOW, admin_of_agency)
    assert AuditEvent.objects.filter(action="catalog.agency.confirmed").count() == 1


def test_overview_counts_confirmed_overdue_and_missing_decrees(mall, agency, admin_of_agency):
    fresh = ServiceFactory(agency=agency, slug="fresh", name="A fresh one")
    old = ServiceFactory(agency=agency, slug="old", name="An old one", open_questions="Biaya?")
    ServiceFactory(agency=agency, slug="never", name="Never confirmed")
    _confirm(fresh, admin_of_agency)
    _confirm(old, admin_of_agency, now=datetime(2025, 1, 10, 3, 0, tzinfo=UTC))

    overview = confirmation.confirmation_overview(mall=mall, today=date(2026, 3, 2))

    row = overview.agencies[0]
    assert (row.services, row.confirmed, row.unconfirmed, row.overdue) == (3, 2, 1, 1)
    assert (row.without_decree, row.open_questions) == (1, 1)
    assert [(s.slug, status) for s, status in overview.attention] == [
        ("old", "overdue"),
        ("never", "unconfirmed"),
    ]


# --- Pages ------------------------------------------------------------------------------------


def test_service_page_shows_the_unconfirmed_badge_and_never_the_source(client: Client, service):
    service.source = "kompas.tv 479467; contoh standar Kulon Progo"
    service.open_questions = "Apakah biaya sudah benar?"
    service.save()

    page = client.get(reverse("catalog:service-detail", args=[service.slug])).content.decode()

    assert "Belum dikonfirmasi instansi" in page
    assert ("kompas.tv" in page, "Kulon Progo" in page, "Apakah biaya" in page) == (
        False,
        False,
        False,
    )


def test_service_page_says_when_the_agency_confirmed(client: Client, service, admin_of_agency):
    _confirm(service, admin_of_agency)

    page = client.get(reverse("catalog:service-detail", args=[service.slug])).content.decode()

    assert (
        "Belum dikonfirmasi instansi" in page,
        "Dikonfirmasi instansi pada 2 Maret 2026" in page,
    ) == (
        False,
        True,
    )


def test_agency_page_shows_the_badge_head_of_unit_and_pledge(client: Client, agency):
    agency.head_title = "Kepala Dinas Kependudukan"
    agency.notes = "Maklumat belum ditandatangani (catatan staf)."
    agency.save()

    page = client.get(reverse("catalog:agency-detail", args=[agency.slug])).content.decode()

    assert ("Belum dikonfirmasi instansi" in page, "Kepala Dinas Kependudukan" in page) == (
        True,
        True,
    )
    assert ("Janji." in page, "catatan staf" in page) == (False, False)
    assert "Instansi belum menetapkan maklumat pelayanannya di sini." in page
    assert "Jam buka MPP; instansi belum mengisi jam layanannya sendiri." in page


def test_agency_page_shows_the_pledge_and_own_hours_once_the_agency_confirms(
    client: Client, agency, admin_of_agency
):
    agency.opening_hours = [{"days": [0, 1, 2, 3], "opens": "07:30", "closes": "12:00"}]
    agency.save()
    confirmation.confirm_agency_profile(agency=agency, actor=admin_of_agency, now=NOW)

    page = client.get(reverse("catalog:agency-detail", args=[agency.slug])).content.decode()

    assert "Janji." in page
    assert "07.30–12.00" in page
    assert "belum menetapkan maklumat" not in page
    assert "instansi belum mengisi jam" not in page


def test_admin_overview_lists_agencies_for_the_mall_manager(mall, agency, service):
    manager = staff("manajer", mall, StaffRole.MALL_MANAGER)

    response = login(manager).get(reverse("admin:catalog_service_confirmation"))

    overview = response.context["overview"]
    assert [(row.agency.slug, row.unconfirmed) for row in overview.agencies] == [("dukcapil", 1)]
    assert [s.slug for s, _status in overview.attention] == ["kk"]


def test_admin_confirm_page_confirms_for_the_agency_admin(service, admin_of_agency):
    client = login(admin_of_agency)
    url = reverse("admin:catalog_service_confirm", args=[service.pk])

    response = client.post(
        url,
        {"decree_number": "188/1/2025", "decree_date": "2025-01-06", "checked": "on", "note": ""},
    )

    stored = Service.objects.get(pk=service.pk)
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("admin:catalog_service_confirmation"),
    )
    assert (stored.confirmed_by, stored.decree_number) == (admin_of_agency, "188/1/2025")


def test_admin_confirm_page_without_the_check_shows_an_error_and_changes_nothing(
    service, admin_of_agency
):
    response = login(admin_of_agency).post(
        reverse("admin:catalog_service_confirm", args=[service.pk]),
        {"decree_number": "188/1/2025", "decree_date": "2025-01-06"},
    )

    assert (response.status_code, bool(response.context["form"].errors["checked"])) == (400, True)
    assert Service.objects.get(pk=service.pk).confirmed_at is None


def test_admin_confirm_page_offers_no_form_to_the_mall_manager(mall, service):
    manager = staff("manajer", mall, StaffRole.MALL_MANAGER)
    client = login(manager)
    url = reverse("admin:catalog_service_confirm", args=[service.pk])

    page = client.get(url)
    posted = client.post(url, {"decree_number": "1", "decree_date": "2025-01-06", "checked": "on"})

    assert (page.status_code, page.context["form"], posted.status_code) == (200, None, 404)
    assert Service.objects.get(pk=service.pk).confirmed_at is None


def test_admin_edit_of_a_confirmed_service_clears_the_confirmation(service, admin_of_agency):
    from tests.accounts.test_admin_permissions import change_url, service_form

    _confirm(service, admin_of_agency)
    service.refresh_from_db()

    response = login(admin_of_agency).post(
        change_url(service), service_form(service, product="Kartu Keluarga ber-TTE")
    )

    stored = Service.objects.get(pk=service.pk)
    assert (response.status_code, stored.product, stored.confirmed_at) == (
        302,
        "Kartu Keluarga ber-TTE",
        None,
    )
    assert AuditEvent.objects.filter(action="catalog.service.confirmation_cleared").count() == 1


def test_admin_index_leads_the_mall_manager_to_the_confirmation_overview(mall, agency, service):
    client = login(staff("manajer", mall, StaffRole.MALL_MANAGER))
    entry = reverse("admin:catalog_standardconfirmation_changelist")

    index = client.get(reverse("admin:index")).content.decode()
    response = client.get(entry)

    assert entry in index
    assert "Konfirmasi standar pelayanan" in index
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:catalog_service_confirmation")
    assert reverse("admin:catalog_standardconfirmation_changelist") + "add/" not in index


def test_admin_index_has_no_confirmation_entry_for_staff_without_the_catalogue(mall):
    client = login(staff("lain", mall))
    entry = reverse("admin:catalog_standardconfirmation_changelist")

    index = client.get(reverse("admin:index")).content.decode()

    assert entry not in index
    assert client.get(entry).status_code == 404


def test_admin_service_list_shows_the_decree_or_that_it_needs_confirmation(
    mall, agency, service, admin_of_agency
):
    other = ServiceFactory(agency=agency, slug="akta", name="Akta Kelahiran")
    _confirm(other, admin_of_agency)

    page = login(admin_of_agency).get(reverse("admin:catalog_service_changelist")).content
    text = page.decode()

    assert '<td class="field-decree">188/12/404.101/2025 (06-01-2025)</td>' in text
    assert '<td class="field-decree">perlu konfirmasi</td>' in text
