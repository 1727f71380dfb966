"""The national administrator (issue 14 item 3): every mall's settings in the admin, and
nothing inside any mall (its staff pages and operations stay closed)."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission

from mpp.accounts.enums import StaffRole
from mpp.accounts.models import StaffMembership
from mpp.accounts.tokens import issue_api_token
from mpp.national.access import is_national_admin
from tests.accounts.test_staff_matrix import (
    _api_url,
    _concrete,
    _open,
    staff_operations,
    staff_pages,
)
from tests.applications.factories import StaffFactory
from tests.factories import MallFactory, login_verified

pytestmark = pytest.mark.django_db

LIST = "/admin/national/networkmall/"


@pytest.fixture
def malls(db) -> tuple[Any, Any]:
    return MallFactory(slug=settings.MPP_DEFAULT_MALL), MallFactory(slug="magetan")


def _national_admin() -> Any:
    user = StaffFactory()
    user.user_permissions.add(Permission.objects.get(codename="administer_network"))
    return user


def test_national_admin_sees_and_changes_every_malls_settings(client, malls):
    ngawi, magetan = malls
    admin_user = _national_admin()
    assert is_national_admin(admin_user)
    login_verified(client, admin_user)
    listing = client.get(LIST)
    assert listing.status_code == 200
    html = listing.content.decode()
    assert ngawi.name in html and magetan.name in html
    page = client.get(f"{LIST}{magetan.pk}/change/")
    assert page.status_code == 200 and 'name="opening_hours"' in page.content.decode()


def test_mall_manager_and_password_only_sessions_do_not_reach_the_network_list(client, malls):
    ngawi, _magetan = malls
    manager = StaffFactory()
    StaffMembership.objects.create(user=manager, mall=ngawi, role=StaffRole.MALL_MANAGER)
    login_verified(client, manager)
    assert client.get(LIST).status_code in (302, 403)
    client.logout()
    client.force_login(_national_admin(), backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(LIST)
    assert response.status_code == 302  # the admin asks for the second factor first


def test_national_admin_sees_nothing_inside_a_mall(client, malls):
    login_verified(client, _national_admin())
    for route in staff_pages():
        url = _concrete(route)
        for where in (url, f"/m/magetan{url}"):
            assert _open(client, where).status_code in (403, 404), where
    token = issue_api_token(user=_national_admin())
    for op_id, method, path in staff_operations():
        call = getattr(client, method.lower())
        url = _api_url(path)
        if method == "GET":
            response = call(url, HTTP_AUTHORIZATION=f"Bearer {token}")
        else:
            response = call(
                url, {}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
            )
        body = (
            response.json()
            if response.headers.get("Content-Type", "").startswith("application/json")
            else {}
        )
        assert response.status_code >= 400 or not (isinstance(body, dict) and body.get("items")), (
            op_id
        )
