"""Who may see and change what in the staff admin, through the real admin and test client."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.contrib import admin
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from mpp.accounts.enums import StaffRole
from mpp.accounts.models import StaffMembership, User
from mpp.catalog import rules as permissions
from mpp.catalog.models import Agency, Service
from mpp.catalog.spreadsheet import export_catalog
from tests.applications.factories import login_verified
from tests.factories import (
    AgencyFactory,
    BoothFactory,
    MallFactory,
    RequirementFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password-1"


@pytest.fixture
def world(mall):
    """Two agencies of Ngawi with services, and a service of another mall."""
    agency_a = AgencyFactory(mall=mall, slug="dukcapil", short_name="Dukcapil", position=10)
    agency_b = AgencyFactory(mall=mall, slug="samsat", short_name="Samsat", position=20)
    a1 = ServiceFactory(agency=agency_a, slug="ktp", name="KTP-el", position=1)
    a2 = ServiceFactory(agency=agency_a, slug="kk", name="Kartu Keluarga", position=2)
    b1 = ServiceFactory(agency=agency_b, slug="pkb", name="Pajak kendaraan", position=1)
    elsewhere = ServiceFactory(
        agency=AgencyFactory(mall=MallFactory(slug="madiun"), slug="dukcapil"), slug="ktp"
    )
    return {"A": agency_a, "B": agency_b, "a1": a1, "a2": a2, "b1": b1, "elsewhere": elsewhere}


def staff(username: str, mall: Any = None, role: str | None = None, agency: Any = None) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    if role is not None:
        StaffMembership.objects.create(user=user, mall=mall, agency=agency, role=role)
    return user


def login(user: User) -> Client:
    """Sign in the way staff must for the admin: password and a passed second factor."""
    return login_verified(Client(), user)


@pytest.fixture
def editor_a(mall, world):
    return staff("editor-a", mall, StaffRole.CATALOGUE_EDITOR, world["A"])


@pytest.fixture
def manager(mall, world):
    return staff("manajer", mall, StaffRole.MALL_MANAGER)


@pytest.fixture
def auditor(mall, world):
    return staff("auditor", mall, StaffRole.AUDITOR)


def change_url(service: Service) -> str:
    return reverse("admin:catalog_service_change", args=[service.pk])


def service_form(service: Service, **overrides: Any) -> dict[str, Any]:
    """The POST body of the service change form (no requirement or step lines)."""
    data: dict[str, Any] = {
        "agency": service.agency_id,
        "name": service.name,
        "name_en": service.name_en,
        "slug": service.slug,
        "summary": service.summary,
        "summary_en": "",
        "category": service.category,
        "keywords": service.keywords,
        "position": service.position,
        "is_active": "on",
        "turnaround_value": service.turnaround_value,
        "turnaround_max": "",
        "turnaround_unit": service.turnaround_unit,
        "turnaround_note": "",
        "fee_kind": service.fee_kind,
        "fee_amount": service.fee_amount,
        "fee_max": "",
        "fee_unit": "",
        "fee_note": "",
        "fee_legal_basis": "",
        "product": service.product,
        "product_en": "",
        "complaint_handling": service.complaint_handling,
        "complaint_handling_en": "",
        "channel": service.channel,
        "online_url": "",
        "counter_info": "",
        "legal_basis": "",
        "decree_number": "",
        "decree_date": "",
        "facilities": "",
        "staff_competence": "",
        "internal_supervision": "",
        "staff_count": "",
        "service_guarantee": "",
        "safety_guarantee": "",
        "performance_evaluation": "",
        "source": service.source,
        "last_verified": "",
    }
    for prefix in ("requirements", "steps"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(overrides)
    return data


def listed(response: Any) -> list[Any]:
    return list(response.context["cl"].result_list)


# --- Agency editors --------------------------------------------------------------------------


def test_service_changelist_for_agency_editor_lists_only_own_agency(editor_a, world):
    response = login(editor_a).get(reverse("admin:catalog_service_changelist"))

    assert listed(response) == [world["a1"], world["a2"]]
    assert "Pajak kendaraan" not in response.content.decode()


def test_service_change_page_of_other_agency_is_404_for_editor(editor_a, world):
    response = login(editor_a).get(change_url(world["b1"]))

    assert response.status_code == 404
    assert "Pajak kendaraan" not in response.content.decode()


def test_service_change_post_to_other_agency_is_refused_for_editor(editor_a, world):
    b1 = world["b1"]

    response = login(editor_a).post(change_url(b1), service_form(b1, name="Dibajak"))

    assert response.status_code == 404
    b1.refresh_from_db()
    assert b1.name == "Pajak kendaraan"


def test_service_delete_of_other_agency_is_refused_for_editor(editor_a, world):
    b1 = world["b1"]
    url = reverse("admin:catalog_service_delete", args=[b1.pk])

    response = login(editor_a).post(url, {"post": "yes"})

    assert response.status_code == 404
    assert Service.objects.filter(pk=b1.pk).exists()


def test_editor_cannot_move_own_service_to_other_agency(editor_a, world):
    a1 = world["a1"]

    response = login(editor_a).post(change_url(a1), service_form(a1, agency=world["B"].pk))

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["agency"]
    a1.refresh_from_db()
    assert a1.agency == world["A"]


def test_editor_can_change_own_service_with_ordered_requirements(editor_a, world, monkeypatch):
    a1 = world["a1"]
    reindexed: list[list[int]] = []
    monkeypatch.setattr("mpp.catalog.admin.reindex_services", reindexed.append)
    data = service_form(
        a1,
        name="KTP-el (baru)",
        **{
            "requirements-TOTAL_FORMS": "2",
            "requirements-0-position": "2",
            "requirements-0-text": "Kartu Keluarga",
            "requirements-0-form": "copy",
            "requirements-0-quantity": "1",
            "requirements-0-is_mandatory": "on",
            "requirements-1-position": "1",
            "requirements-1-text": "Surat pengantar",
            "requirements-1-form": "original",
            "requirements-1-quantity": "1",
        },
    )

    response = login(editor_a).post(change_url(a1), data)

    assert response.status_code == 302
    a1.refresh_from_db()
    assert a1.name == "KTP-el (baru)"
    assert list(a1.requirements.order_by("position").values_list("text", "is_mandatory")) == [
        ("Surat pengantar", False),
        ("Kartu Keluarga", True),
    ]
    assert reindexed == [[a1.pk]]


def test_editor_add_form_offers_only_own_agency(editor_a, world):
    response = login(editor_a).get(reverse("admin:catalog_service_add"))

    field = response.context["adminform"].form.fields["agency"]
    assert list(field.queryset) == [world["A"]]


def test_editor_cannot_add_a_service_to_other_agency(editor_a, world):
    template = world["a1"]
    data = service_form(template, agency=world["B"].pk, slug="baru", name="Layanan baru")

    response = login(editor_a).post(reverse("admin:catalog_service_add"), data)

    assert list(response.context["adminform"].form.errors) == ["agency"]
    assert not Service.objects.filter(slug="baru").exists()


def test_editor_cannot_see_malls_booths_or_users(editor_a, mall):
    client = login(editor_a)

    index = client.get(reverse("admin:index"))
    pages = [
        client.get(reverse("admin:core_mall_changelist")).status_code,
        client.get(reverse("admin:core_booth_changelist")).status_code,
        client.get(reverse("admin:accounts_user_changelist")).status_code,
        client.get(reverse("admin:core_mall_change", args=[mall.pk])).status_code,
    ]

    models = {m["object_name"] for app in index.context["app_list"] for m in app["models"]}
    # StandardConfirmation: the entry to the confirmation overview (their agency's part).
    assert models == {"Agency", "Service", "StandardConfirmation"}
    assert pages == [403, 403, 403, 404]


def test_editor_changes_own_agency_but_not_its_place_in_the_mall(editor_a, world, mall):
    agency = world["A"]
    booth = BoothFactory(mall=mall, code="Z9")
    url = reverse("admin:catalog_agency_change", args=[agency.pk])
    data = {
        "name": "Dinas Kependudukan",
        "name_en": "",
        "short_name": "Dukcapil",
        "level": agency.level,
        "description": "Baru",
        "description_en": "",
        "maklumat": "",
        "phone": "",
        "email": "",
        "website": "",
        "opening_hours": "[]",
        # Read-only for an editor: ignored even when posted.
        "booth": booth.pk,
        "slug": "dicuri",
        "position": "1",
    }

    response = login(editor_a).post(url, data)

    assert response.status_code == 302
    agency.refresh_from_db()
    assert (agency.name, agency.description) == ("Dinas Kependudukan", "Baru")
    assert (agency.booth, agency.slug, agency.position) == (None, "dukcapil", 10)


def test_editor_cannot_open_other_agency(editor_a, world):
    url = reverse("admin:catalog_agency_change", args=[world["B"].pk])

    assert login(editor_a).get(url).status_code == 404


# --- Mall manager ----------------------------------------------------------------------------


def test_mall_manager_sees_the_whole_mall_and_nothing_else(manager, world):
    response = login(manager).get(reverse("admin:catalog_service_changelist"))

    assert listed(response) == [world["a1"], world["a2"], world["b1"]]


def test_mall_manager_can_move_a_service_to_another_agency(manager, world):
    a1 = world["a1"]

    response = login(manager).post(change_url(a1), service_form(a1, agency=world["B"].pk))

    assert response.status_code == 302
    a1.refresh_from_db()
    assert a1.agency == world["B"]


def test_mall_manager_cannot_open_another_malls_service(manager, world):
    assert login(manager).get(change_url(world["elsewhere"])).status_code == 404


def test_fee_max_below_fee_is_a_form_error_not_a_server_error(manager, world):
    a1 = world["a1"]
    data = service_form(a1, fee_kind="range", fee_amount="50000", fee_max="10000")

    response = login(manager).post(change_url(a1), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["fee_max"] == [
        "Biaya tertinggi (Rp10.000) lebih rendah daripada biaya (Rp50.000)."
    ]
    a1.refresh_from_db()
    assert (a1.fee_kind, a1.fee_max) == ("free", None)


def test_slug_used_by_another_service_of_the_mall_is_a_form_error(manager, world):
    a1 = world["a1"]

    response = login(manager).post(change_url(a1), service_form(a1, slug="pkb"))

    assert list(response.context["adminform"].form.errors) == ["slug"]
    a1.refresh_from_db()
    assert a1.slug == "ktp"


def test_mall_manager_manages_only_the_staff_of_the_mall(manager, editor_a, auditor, mall):
    outsider = staff("orang-madiun", MallFactory(slug="madiun-2"), StaffRole.MALL_MANAGER)
    User.objects.create_superuser("root", password=PASSWORD)

    client = login(manager)
    response = client.get(reverse("admin:accounts_user_changelist"))
    change = client.get(reverse("admin:accounts_user_change", args=[editor_a.pk]))

    assert [u.username for u in listed(response)] == ["auditor", "editor-a", "manajer"]
    assert client.get(reverse("admin:accounts_user_change", args=[outsider.pk])).status_code == 404
    form_fields = change.context["adminform"].form.fields
    assert "is_superuser" not in form_fields
    assert "groups" not in form_fields
    inline = change.context["inline_admin_formsets"][0].formset
    assert list(inline.forms[0].fields["mall"].queryset) == [mall]


def test_role_changes_and_removals_in_the_admin_are_audited(manager, editor_a, world, mall):
    """Issue 13 item 3: the admin changes roles through grant_staff_role / revoke_staff_role
    (an audit entry each, by the manager), never by writing StaffMembership directly."""
    from mpp.audit.models import AuditEvent

    membership = editor_a.memberships.get()
    data = {
        "username": "editor-a",
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "1",
        "memberships-MIN_NUM_FORMS": "1",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-id": membership.pk,
        "memberships-0-user": editor_a.pk,
        "memberships-0-mall": mall.pk,
        "memberships-0-agency": world["B"].pk,
        "memberships-0-role": StaffRole.AGENCY_ADMIN,
    }

    url = reverse("admin:accounts_user_change", args=[editor_a.pk])

    assert login(manager).post(url, data).status_code == 302
    assert list(editor_a.memberships.values_list("agency__slug", "role")) == [
        ("samsat", StaffRole.AGENCY_ADMIN)
    ]
    changed = list(
        AuditEvent.objects.filter(action__startswith="staff.role_")
        .order_by("pk")
        .values_list("action", "actor_id", "data__agency")
    )
    assert changed == [
        ("staff.role_revoked", manager.pk, world["A"].pk),
        ("staff.role_granted", manager.pk, world["B"].pk),
    ]

    # Removing the role (and adding another, as the manager must keep one) is audited too.
    current = editor_a.memberships.get()
    data.update(
        {
            "memberships-TOTAL_FORMS": "2",
            "memberships-0-id": current.pk,
            "memberships-0-DELETE": "on",
            "memberships-1-user": editor_a.pk,
            "memberships-1-mall": mall.pk,
            "memberships-1-agency": world["A"].pk,
            "memberships-1-role": StaffRole.CATALOGUE_EDITOR,
        }
    )
    assert login(manager).post(url, data).status_code == 302
    assert list(editor_a.memberships.values_list("agency__slug", "role")) == [
        ("dukcapil", StaffRole.CATALOGUE_EDITOR)
    ]
    assert AuditEvent.objects.filter(action="staff.role_revoked").count() == 2
    assert AuditEvent.objects.filter(action="staff.role_granted").count() == 2


def test_mall_manager_cannot_make_anyone_superuser(manager, editor_a, world, mall):
    membership = editor_a.memberships.get()
    data = {
        "username": "editor-a",
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "1",
        "memberships-MIN_NUM_FORMS": "1",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-id": membership.pk,
        "memberships-0-user": editor_a.pk,
        "memberships-0-mall": mall.pk,
        "memberships-0-agency": world["B"].pk,
        "memberships-0-role": StaffRole.CATALOGUE_EDITOR,
    }

    response = login(manager).post(reverse("admin:accounts_user_change", args=[editor_a.pk]), data)

    assert response.status_code == 302
    editor_a.refresh_from_db()
    assert editor_a.is_superuser is False
    assert list(editor_a.memberships.values_list("agency__slug", flat=True)) == ["samsat"]


def test_mall_manager_adds_a_staff_member_of_the_mall(manager, world, mall):
    data = {
        "username": "petugas-baru",
        "usable_password": "true",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "1",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-mall": mall.pk,
        "memberships-0-agency": world["A"].pk,
        "memberships-0-role": StaffRole.CATALOGUE_EDITOR,
    }

    response = login(manager).post(reverse("admin:accounts_user_add"), data)

    created = User.objects.get(username="petugas-baru")
    assert response["Location"] == reverse("admin:accounts_user_change", args=[created.pk])
    assert list(created.memberships.values_list("agency__slug", "role")) == [
        ("dukcapil", StaffRole.CATALOGUE_EDITOR)
    ]
    # Through the audited domain function, not a direct write.
    from mpp.audit.models import AuditEvent

    granted = AuditEvent.objects.get(action="staff.role_granted", data__user=created.pk)
    assert granted.actor_id == manager.pk
    assert created.is_staff


def test_mall_manager_cannot_add_an_account_outside_the_mall(manager):
    data = {
        "username": "tanpa-peran",
        "usable_password": "true",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "1",
        "memberships-MAX_NUM_FORMS": "1000",
    }

    response = login(manager).post(reverse("admin:accounts_user_add"), data)

    assert response.status_code == 200
    assert not User.objects.filter(username="tanpa-peran").exists()


# --- Superuser and auditor -------------------------------------------------------------------


def test_superuser_sees_the_services_of_every_mall(world):
    root = User.objects.create_superuser("root", password=PASSWORD)

    response = login(root).get(reverse("admin:catalog_service_changelist"))

    assert sorted(s.pk for s in listed(response)) == sorted(
        world[k].pk for k in ("a1", "a2", "b1", "elsewhere")
    )
    assert ("mall", admin.RelatedOnlyFieldListFilter) in response.context["cl"].list_filter


# --- Auditor ---------------------------------------------------------------------------------


def test_auditor_sees_every_service_of_the_mall(auditor, world):
    response = login(auditor).get(reverse("admin:catalog_service_changelist"))

    assert listed(response) == [world["a1"], world["a2"], world["b1"]]
    assert response.context["has_add_permission"] is False


def test_auditor_views_a_service_read_only(auditor, world):
    RequirementFactory(service=world["a1"], text="Kartu Keluarga")

    response = login(auditor).get(change_url(world["a1"]))

    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert "Kartu Keluarga" in response.content.decode()
    assert 'name="_save"' not in response.content.decode()


def test_auditor_cannot_change_a_service(auditor, world):
    a1 = world["a1"]

    response = login(auditor).post(change_url(a1), service_form(a1, name="Diubah"))

    assert response.status_code == 403
    a1.refresh_from_db()
    assert a1.name == "KTP-el"


# --- Import page -----------------------------------------------------------------------------


def test_import_page_refuses_non_staff(mall, world, tmp_path):
    citizen = User.objects.create_user("warga", password=PASSWORD)
    upload = io.BytesIO(export_catalog(mall=mall))
    upload.name = "katalog.xlsx"
    client = login(citizen)
    url = reverse("admin:catalog_service_import")

    with override_settings(MEDIA_ROOT=tmp_path):
        page = client.get(url)
        post = client.post(url, {"mall": mall.pk, "file": upload})

    assert page.status_code == post.status_code == 302
    assert page["Location"].startswith(reverse("admin:login"))
    assert list(tmp_path.iterdir()) == []


def test_import_page_refuses_staff_without_a_catalogue_role(mall, world):
    counter_officer = staff("petugas", mall, StaffRole.COUNTER_OFFICER, world["A"])

    response = login(counter_officer).get(reverse("admin:catalog_service_import"))

    assert response.status_code == 403


def test_auditor_may_export_but_not_upload(auditor, mall, world):
    client = login(auditor)
    url = reverse("admin:catalog_service_import")

    page = client.get(url)
    upload = client.post(url, {"mall": mall.pk})

    assert page.status_code == 200
    assert page.context["can_import"] is False
    assert upload.status_code == 403


def test_editor_import_is_limited_to_own_agency(editor_a, mall, world, tmp_path):
    book = openpyxl.load_workbook(io.BytesIO(export_catalog(mall=mall)))
    book["layanan"]["C4"] = "Pajak kendaraan (diubah)"  # row 4: samsat's "pkb"
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "katalog.xlsx"

    with override_settings(MEDIA_ROOT=tmp_path):
        response = login(editor_a).post(
            reverse("admin:catalog_service_import"), {"mall": mall.pk, "file": buffer}
        )

    issues = response.context["result"].issues
    assert [(i.row, i.column) for i in issues] == [(4, "“instansi” (A)")]
    assert "token" not in response.context
    assert Service.objects.get(pk=world["b1"].pk).name == "Pajak kendaraan"


# --- Rules module and query counts -----------------------------------------------------------


def test_editable_agencies_follow_the_memberships(editor_a, manager, auditor, world, mall):
    admin_b = staff("admin-b", mall, StaffRole.AGENCY_ADMIN, world["B"])
    root = User.objects.create_superuser("root", password=PASSWORD)

    assert list(permissions.editable_agencies(editor_a, mall)) == [world["A"]]
    assert list(permissions.editable_agencies(admin_b, mall)) == [world["B"]]
    assert list(permissions.editable_agencies(manager, mall)) == [world["A"], world["B"]]
    assert list(permissions.editable_agencies(auditor, mall)) == []
    assert list(permissions.viewable_agencies(auditor, mall)) == [world["A"], world["B"]]
    assert permissions.editable_agencies(root).count() == Agency.objects.count()


def test_inactive_staff_have_no_rights(editor_a, world):
    editor_a.is_active = False
    editor_a.save()

    assert permissions.can_change_service(editor_a, world["a1"]) is False


def test_service_changelist_query_count_does_not_grow_with_services(manager, world, mall):
    client = login(manager)
    url = reverse("admin:catalog_service_changelist")
    client.get(url)  # warm up: session, content types
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for index in range(12):
        ServiceFactory(agency=world["A" if index % 2 else "B"], slug=f"extra-{index}")

    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert len(listed(response)) == 15
    assert len(many) == len(few)
    assert len(many) <= 11


@pytest.mark.django_db
def test_admin_refuses_staff_who_passed_only_the_password(mall):
    user = User.objects.create_user("sandi-saja", password="x-very-long-password", is_staff=True)
    StaffMembership.objects.create(user=user, mall=mall, role=StaffRole.MALL_MANAGER)
    client = Client()
    client.force_login(user)
    response = client.get("/admin/catalog/service/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
