"""The staff matrix (issue 10 item 2, issue 13 item 3): every staff page in the URLconf and
every staff operation in the API goes through the one gate of mpp.accounts.access, and refuses
anonymous visitors, password-only sessions (no second factor), citizens, the wrong role and
another mall's staff.

The lists are enumerated from the code, so a new staff view without the gate fails here:
a page is "staff" when its route is under a staff prefix or its view is marked by `staff_page`;
an API operation is "staff" when it uses `STAFF_AUTH`, and every operation that takes a session
or a token must be either staff or listed in CITIZEN_OPERATIONS.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from mpp.accounts.access import StaffSessionAuth, StaffTokenAuth, is_staff_page
from mpp.accounts.enums import StaffRole
from mpp.accounts.models import StaffMembership
from mpp.accounts.tokens import issue_api_token
from tests.applications.factories import CitizenFactory, StaffFactory
from tests.factories import AgencyFactory, MallFactory, login_verified

pytestmark = pytest.mark.django_db

#: Routes that belong to staff (officers, managers, auditors).
STAFF_ROUTE = re.compile(r"(^|/)(staf|petugas|loket)(/|$)")

#: Operations with a session or token that citizens use (their own data only).
#: `transition_application` is STAFF_AUTH for staff plus the applicant's own session (withdraw);
#: its staff rights come from mpp.applications.access, empty until the second factor passed.
CITIZEN_OPERATIONS = {
    "list_my_applications",
    "create_application",
    "get_application",
    "upload_document",
    "submit_application",
    "transition_application",
    "book_room",
    "cancel_room_booking",
}

SAMPLE = {
    "int": "1",
    "uuid": str(uuid.UUID(int=1)),
    "str": "ZZZZ",
    "slug": "zzzz",
    "path": "zzzz",
}


def _patterns(resolver: URLResolver, prefix: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found.extend(_patterns(entry, route))
        elif isinstance(entry, URLPattern):
            found.append((route, entry.callback))
    return found


def _concrete(route: str) -> str:
    def fill(match: re.Match[str]) -> str:
        converter = match.group(1) or "str"
        return SAMPLE.get(converter, "zzzz")

    return "/" + re.sub(r"<(?:(\w+):)?\w+>", fill, route)


def staff_pages() -> list[str]:
    pages = []
    for route, view in _patterns(get_resolver()):
        if route.startswith(("admin/", "api/")):
            continue
        if STAFF_ROUTE.search(route) or is_staff_page(view):
            pages.append(route)
    return sorted(set(pages))


def test_every_staff_route_goes_through_the_one_gate():
    ungated = [
        route
        for route, view in _patterns(get_resolver())
        if not route.startswith(("admin/", "api/"))
        and STAFF_ROUTE.search(route)
        and not is_staff_page(view)
    ]
    assert ungated == []
    assert len(staff_pages()) >= 15


@pytest.fixture
def here(db):
    from django.conf import settings

    mall = MallFactory(slug=settings.MPP_DEFAULT_MALL)
    agency = AgencyFactory(mall=mall, slug="dispendukcapil")
    return mall, agency


def _member(mall: Any, agency: Any, role: str) -> Any:
    user = StaffFactory()
    StaffMembership.objects.create(user=user, mall=mall, agency=agency, role=role)
    return user


def _refused_page(response: Any) -> bool:
    return response.status_code in (403, 404)


def _open(client: Any, url: str) -> Any:
    """GET the page; a POST-only page (405 on GET) is posted to, empty."""
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    return response


@pytest.mark.parametrize("route", staff_pages())
def test_staff_page_refuses_everyone_but_its_staff(client, here, route):
    mall, agency = here
    url = _concrete(route)
    # Anonymous: to the sign-in page.
    response = _open(client, url)
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"], url
    # Password only (a manager of this mall, no second factor): to the code page.
    manager = _member(mall, None, StaffRole.MALL_MANAGER)
    client.force_login(manager, backend="django.contrib.auth.backends.ModelBackend")
    response = _open(client, url)
    assert response.status_code == 302 and "/akun/dua-langkah/" in response["Location"], url
    client.logout()
    # A citizen: the page does not exist for them.
    login_verified(client, CitizenFactory())
    assert _refused_page(_open(client, url)), url
    client.logout()
    # Wrong role (a catalogue editor of this mall, second factor passed).
    login_verified(client, _member(mall, agency, StaffRole.CATALOGUE_EDITOR))
    assert _refused_page(_open(client, url)), url
    client.logout()
    # Another mall's manager (second factor passed).
    other = MallFactory(slug="mall-lain")
    login_verified(client, _member(other, None, StaffRole.MALL_MANAGER))
    assert _refused_page(_open(client, url)), url
    client.logout()
    # The gate lets this mall's manager (verified) through to the view itself.
    login_verified(client, manager)
    response = _open(client, url)
    location = response.get("Location", "")
    assert "/akun/masuk/" not in location and "/akun/dua-langkah/" not in location, url
    assert response.status_code != 403 or "lapor" in url or "tinjau" in url, url


# --- API ---------------------------------------------------------------------------------------


def _operations() -> list[tuple[str, str, str, list[Any]]]:
    from mpp.api import api

    found = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for op in path_view.operations:
                for method in op.methods:
                    full = re.sub(r"/+", "/", f"/api/v1/{prefix or ''}/{path}")
                    found.append((op.operation_id or "", method, full, list(op.auth_callbacks)))
    return found


def _is_staff_auth(callbacks: list[Any]) -> bool:
    kinds = {type(cb) for cb in callbacks}
    return bool(kinds) and kinds <= {StaffTokenAuth, StaffSessionAuth}


def staff_operations() -> list[tuple[str, str, str]]:
    return sorted(
        (op_id, method, path)
        for op_id, method, path, callbacks in _operations()
        if _is_staff_auth(callbacks)
    )


def test_every_authenticated_operation_is_staff_or_a_known_citizen_operation():
    unknown = sorted(
        op_id
        for op_id, _method, _path, callbacks in _operations()
        if callbacks and not _is_staff_auth(callbacks) and op_id not in CITIZEN_OPERATIONS
    )
    assert unknown == []
    assert len(staff_operations()) >= 5


def _api_url(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: "1" if m.group(1) == "number" else "ZZZZ", path)


@pytest.mark.parametrize(("op_id", "method", "path"), staff_operations())
def test_staff_operation_refuses_without_second_factor(client, here, op_id, method, path):
    mall, agency = here
    url = _api_url(path)
    call = getattr(client, method.lower())
    kwargs: dict[str, Any] = {"content_type": "application/json"} if method != "GET" else {}
    data = {} if method != "GET" else None
    # Anonymous.
    assert call(url, data, **kwargs).status_code == 401, op_id
    # Password-only session of this mall's manager.
    manager = _member(mall, None, StaffRole.MALL_MANAGER)
    client.force_login(manager, backend="django.contrib.auth.backends.ModelBackend")
    assert call(url, data, **kwargs).status_code in (401, 403), op_id
    client.logout()
    # A citizen's token.
    token = issue_api_token(user=CitizenFactory())
    response = call(url, data, HTTP_AUTHORIZATION=f"Bearer {token}", **kwargs)
    assert response.status_code == 401, op_id
    # Wrong role and other mall (tokens count as the second factor): never a success.
    for user in (
        _member(mall, agency, StaffRole.CATALOGUE_EDITOR),
        _member(MallFactory(slug="mall-lain"), None, StaffRole.MALL_MANAGER),
    ):
        token = issue_api_token(user=user)
        response = call(url, data, HTTP_AUTHORIZATION=f"Bearer {token}", **kwargs)
        assert response.status_code >= 400 or not _has_items(response), op_id


def _has_items(response: Any) -> bool:
    try:
        body = response.json()
    except ValueError:
        return False
    return bool(isinstance(body, dict) and body.get("items"))
