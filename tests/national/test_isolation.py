"""The isolation matrix (issue 14 item 3): a mall manager of Ngawi sees nothing of another mall.

Every staff page of the URLconf and every staff operation of the API is enumerated from the code
(the same enumeration as tests/accounts/test_staff_matrix.py), so a new staff surface is covered
here without editing this file. For each one:

* reached as Magetan (path fallback ``/m/magetan/…`` and host ``magetan.localhost``), Ngawi's
  verified manager is refused (pages: 403/404; operations: 4xx or no items), while Magetan's
  own manager passes the gate (the control that makes the refusal mean something);
* reached as Ngawi, nothing of Magetan's data shows: Magetan's agency, service, counter and a
  waiting ticket carry a marker that must never appear in Ngawi's manager's answers.

Runs on SQLite and on PostgreSQL (DATABASE_URL), like the rest of the suite.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from mpp.accounts.enums import StaffRole
from mpp.accounts.models import StaffMembership
from mpp.accounts.tokens import issue_api_token
from mpp.queueing.domain.tickets import issue_ticket
from tests.accounts.test_staff_matrix import (
    _api_url,
    _concrete,
    _open,
    staff_operations,
    staff_pages,
)
from tests.applications.factories import StaffFactory
from tests.factories import AgencyFactory, MallFactory, ServiceFactory, login_verified
from tests.queueing.factories import CounterFactory, QueueServiceFactory

pytestmark = pytest.mark.django_db

MARKER = "Rahasiamagetan"
HOST = "magetan.localhost"


@pytest.fixture
def two_malls(db) -> dict[str, Any]:
    ngawi = MallFactory(slug=settings.MPP_DEFAULT_MALL)
    AgencyFactory(mall=ngawi, slug="dispendukcapil")
    magetan = MallFactory(slug="magetan", regency="Kabupaten Magetan", region_code="35.20")
    agency = AgencyFactory(mall=magetan, slug="dispendukcapil", name=f"Dinas {MARKER}")
    service = ServiceFactory(agency=agency, slug="ktp", name=f"Layanan {MARKER}")
    QueueServiceFactory(service=service, prefix="Q")
    CounterFactory(mall=magetan, agency=agency, label=f"Loket {MARKER}", services=[service])
    issue_ticket(service=service)
    return {"ngawi": ngawi, "magetan": magetan}


def _manager(mall: Any) -> Any:
    user = StaffFactory()
    StaffMembership.objects.create(user=user, mall=mall, role=StaffRole.MALL_MANAGER)
    return user


def _open_on_host(client: Any, url: str) -> Any:
    """GET the page on Magetan's host name; a POST-only page is posted to, empty."""
    response = client.get(url, HTTP_HOST=HOST)
    if response.status_code == 405:
        response = client.post(url, {}, HTTP_HOST=HOST)
    return response


def _refused(response: Any) -> bool:
    return response.status_code in (403, 404)


def _passes_gate(response: Any) -> bool:
    location = response.get("Location", "")
    return response.status_code != 403 and "/akun/" not in location


def _body(response: Any) -> str:
    if getattr(response, "streaming", False):
        return ""  # live streams never end; their gate is checked by the status above
    return response.content.decode(errors="replace")


@pytest.mark.parametrize("route", staff_pages())
def test_staff_page_of_another_mall_is_closed_to_ngawis_manager(client, two_malls, route):
    url = _concrete(route)
    login_verified(client, _manager(two_malls["ngawi"]))
    assert _refused(_open(client, f"/m/magetan{url}")), url
    assert _refused(_open_on_host(client, url)), url
    # In Ngawi itself, nothing of Magetan shows.
    own = _open(client, url)
    assert MARKER not in _body(own), url
    client.logout()
    # Control: Magetan's own manager passes the same gate.
    login_verified(client, _manager(two_malls["magetan"]))
    response = _open(client, f"/m/magetan{url}")
    assert _passes_gate(response) or "lapor" in url or "tinjau" in url, url


def _call(client: Any, method: str, url: str, **extra: Any) -> Any:
    call = getattr(client, method.lower())
    if method == "GET":
        return call(url, **extra)
    return call(url, {}, content_type="application/json", **extra)


def _has_items(response: Any) -> bool:
    try:
        body = response.json()
    except ValueError:
        return False
    if isinstance(body, list):
        return bool(body)
    return bool(isinstance(body, dict) and body.get("items"))


@pytest.mark.parametrize(("op_id", "method", "path"), staff_operations())
def test_staff_operation_of_another_mall_is_closed_to_ngawis_manager(
    client, two_malls, op_id, method, path
):
    url = _api_url(path)
    token = issue_api_token(user=_manager(two_malls["ngawi"]))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    for response in (
        _call(client, method, f"/m/magetan{url}", **auth),
        _call(client, method, url, HTTP_HOST=HOST, **auth),
    ):
        assert response.status_code >= 400 or not _has_items(response), op_id
        assert MARKER not in _body(response), op_id
    own = _call(client, method, url, **auth)
    assert MARKER not in _body(own), op_id


def test_the_matrix_covers_pages_and_operations():
    assert len(staff_pages()) >= 15
    assert len(staff_operations()) >= 5


def test_the_marker_is_visible_to_magetans_own_manager(client, two_malls):
    """The leak check means something: Magetan's manager does see the marked rows."""
    login_verified(client, _manager(two_malls["magetan"]))
    seen = [
        url
        for url in (_concrete(r) for r in staff_pages())
        if "<" not in url and MARKER in _body(_open(client, f"/m/magetan{url}"))
    ]
    assert len(seen) >= 2, f"Magetan's own manager sees its data on too few pages: {seen}"
