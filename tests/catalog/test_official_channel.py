"""Official channels first: a service run through a national system (M-Paspor, OSS, e-Court …)
leads there and says what the booth does; our online form only where the agency accepts it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mpp.applications.domain import ApplicationError, create_application
from mpp.catalog.enums import Channel
from tests.factories import AgencyFactory, ServiceFactory

pytestmark = pytest.mark.django_db

M_PASPOR = "https://play.google.com/store/apps/details?id=id.go.imigrasi.paspor_online"


@pytest.fixture
def passport(mall):
    agency = AgencyFactory(mall=mall, slug="imigrasi", short_name="Imigrasi")
    return ServiceFactory(
        agency=agency,
        slug="paspor-baru",
        name="Paspor Baru",
        channel=Channel.BOTH,
        online_system="M-Paspor",
        online_url=M_PASPOR,
        booth_help="Tunjukkan bukti pendaftaran M-Paspor dan dokumen asli.",
    )


def test_service_page_leads_to_the_national_system_with_booth_help(client: Client, passport):
    page = client.get(reverse("catalog:service-detail", args=[passport.slug])).content.decode()

    assert "Ajukan lewat M-Paspor, kanal resmi" in page
    assert f'href="{M_PASPOR.replace("&", "&amp;")}"' in page
    assert "Tunjukkan bukti pendaftaran M-Paspor" in page
    assert reverse("applications:start", args=[passport.slug]) not in page


def test_service_page_offers_our_form_only_when_the_agency_accepts_it(client: Client, passport):
    passport.accepts_online_applications = True
    passport.save()

    page = client.get(reverse("catalog:service-detail", args=[passport.slug])).content.decode()

    assert reverse("applications:start", args=[passport.slug]) in page
    assert "Imigrasi juga menerima permohonan di sini." in page


def test_online_application_is_refused_where_the_agency_does_not_accept_it(
    client: Client, passport, django_user_model
):
    citizen = django_user_model.objects.create_user("warga", password="x-long-password-1")

    with pytest.raises(ApplicationError):
        create_application(service=passport, applicant=citizen)
    response = client.get(reverse("applications:start", args=[passport.slug]))

    assert response.status_code == 404


def test_api_exposes_the_official_channel(client: Client, passport):
    body = client.get(f"/api/v1/services/{passport.slug}").json()

    assert body["online_channel"] == {
        "system": "M-Paspor",
        "url": M_PASPOR,
        "booth_help": "Tunjukkan bukti pendaftaran M-Paspor dan dokumen asli.",
        "booth_help_en": "",
        "applications_on_this_site": False,
    }


def test_agency_review_page_shows_the_channel_and_that_our_form_is_not_offered(mall, passport):
    from mpp.accounts.enums import StaffRole
    from tests.accounts.test_admin_permissions import login, staff

    admin = staff("admin-imigrasi", mall, StaffRole.AGENCY_ADMIN, passport.agency)

    page = (
        login(admin)
        .get(reverse("admin:catalog_service_confirm", args=[passport.pk]))
        .content.decode()
    )

    assert "M-Paspor — " in page
    assert "Tunjukkan bukti pendaftaran M-Paspor" in page
    assert "Tidak ditawarkan: warga mengajukan lewat kanal resmi atau di gerai." in page
