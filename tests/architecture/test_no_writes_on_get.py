# ruff: noqa: F811 - the applications fixtures are imported by name and used as arguments
"""No writes on GET (issue 13 item 4): every public page and every public GET operation of the
API is requested, anonymously, over a mall with a served ticket (whose survey invitation was
issued by the event, not by the page) and a waiting one; afterwards every table holds exactly
the rows it held before.

Pages are taken from the URLconf, operations from the OpenAPI document, so a new page or
operation is covered without editing this test; a path parameter is filled from the objects
below or the route is listed as skipped (and the test fails when too many are skipped).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from mpp.feedback.models import SurveyInvitation
from mpp.queueing import domain as queue
from tests.applications.conftest import (  # noqa: F401 - fixtures used by name
    _private_media,
    agency,
    citizen,
    draft,
    head,
    service,
    submitted,
    verifier,
)
from tests.queueing.conftest import build_hall

pytestmark = pytest.mark.django_db

#: Streams never end and staff, admin and sign-in-only pages do not answer an anonymous visitor
#: with content; the admin has its own tests.
SKIPPED_PREFIXES = ("admin/", "api/", "staf/", "petugas/", "akun/dua-langkah")
STREAM = re.compile(r"live|stream|events|sse", re.I)


def _row_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        counts[model._meta.db_table] = model._default_manager.using("default").count()
    return counts


def _patterns(resolvers: list[Any], prefix: str = "", namespace: str = "") -> Any:
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _patterns(
                entry.url_patterns, prefix + str(entry.pattern), inner or namespace
            )
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield prefix + str(entry.pattern), name, entry


@pytest.fixture
def world(db):
    hall = build_hall(counters=1)
    served = queue.issue_ticket(service=hall.ktp)
    queue.follow_ticket(ticket=served, phone="0812 3456 7890")
    called = queue.call_next(counter=hall.counters[0], officer=hall.officers[0])
    assert called == served
    queue.start_service(ticket=served, officer=hall.officers[0])
    queue.finish_service(ticket=served, officer=hall.officers[0])
    invitation = SurveyInvitation.objects.get(reference=served.code)
    waiting = queue.issue_ticket(service=hall.kk)
    return {
        "hall": hall,
        "served": served,
        "waiting": waiting,
        # Path parameters by route name (then by parameter name).
        "routes": {
            "catalog:agency-detail": {"slug": hall.agency.slug},
            "catalog:service-detail": {"slug": hall.ktp.slug},
            "queueing:kiosk-services": {"agency": hall.agency.slug},
            "queueing:book-slots": {"service": hall.ktp.slug},
            "transparency:monthly-report": {"year": 2026, "month": 1},
            "transparency:open-data-ikm": {"fmt": "csv"},
            "transparency:open-data-follow-ups": {"fmt": "json"},
            "national:compare-data": {"fmt": "json"},
            "open311:discovery": {"fmt": "json"},
            "open311:services": {"fmt": "json"},
            "applications:start": {"slug": hall.ktp.slug},
            "open311:service": {"code": hall.ktp.slug},
        },
        "params": {"code": served.code, "token": invitation.token, "step": 1, "fmt": "json"},
    }


def _fill(name: str, pattern: URLPattern, world: dict[str, Any]) -> dict[str, Any] | None:
    wanted = set(pattern.pattern.regex.groupindex)
    values = {**world["params"], **world["routes"].get(name, {})}
    if not wanted <= set(values):
        return None
    return {key: values[key] for key in wanted}


def test_no_public_page_writes_on_get(world):
    client = Client()
    before = _row_counts()
    requested, skipped = [], []
    for route, name, pattern in _patterns(get_resolver().url_patterns):
        if route.startswith(SKIPPED_PREFIXES) or STREAM.search(route) or STREAM.search(name):
            continue
        kwargs = _fill(name, pattern, world)
        if kwargs is None:
            skipped.append(name)
            continue
        url = reverse(name, kwargs=kwargs)
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        requested.append(url)
        # Each page on its own: the first one that writes is named.
        after = _row_counts()
        changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
        assert not changed, f"GET {url} wrote rows: {changed}"
    # The served ticket's page and its survey (the invitation was issued by the event) were read.
    assert reverse("queueing:ticket", kwargs={"code": world["served"].code}) in requested
    assert reverse("feedback:survey", kwargs={"token": world["params"]["token"]}) in requested
    assert len(requested) >= 40, requested
    assert len(skipped) <= len(requested) // 2, skipped


def test_no_public_api_operation_writes_on_get(world):
    client = Client()
    spec = client.get("/api/v1/openapi.json").json()
    before = _row_counts()
    values = {**world["params"], "slug": world["hall"].ktp.slug}
    requested, skipped = [], []
    for path, operations in spec["paths"].items():
        operation = operations.get("get")
        if operation is None or STREAM.search(path):
            continue
        names = re.findall(r"{(\w+)}", path)
        if not set(names) <= set(values):
            skipped.append(path)
            continue
        url = re.sub(r"{(\w+)}", lambda m: str(values[m.group(1)]), path)
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        requested.append(url)
        after = _row_counts()
        changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
        assert not changed, f"GET {url} wrote rows: {changed}"
    assert len(requested) >= 15, requested


def test_a_decided_application_page_writes_nothing(submitted, citizen, verifier, head):
    """The citizen's page of a decided application shows the survey invitation the event
    issued; reading it (and its tracker) adds no row anywhere."""
    from mpp.applications import domain as applications
    from mpp.applications.enums import ApplicationState as S

    verifier.is_verified = lambda: True
    head.is_verified = lambda: True
    for to in (S.IN_VERIFICATION, S.IN_PROCESS):
        applications.transition_application(application=submitted, to=to, actor=verifier)
    applications.transition_application(application=submitted, to=S.APPROVED, actor=head)
    applications.transition_application(
        application=submitted, to=S.RESULT_READY, actor=head, result_kind="pickup"
    )
    assert SurveyInvitation.objects.filter(reference=submitted.tracking_code).exists()
    client = Client()
    client.force_login(citizen)
    before = _row_counts()
    for name in ("applications:detail", "applications:submitted"):
        response = client.get(reverse(name, args=[submitted.public_id]))
        assert response.status_code == 200, name
    assert client.get(reverse("applications:mine")).status_code == 200
    after = _row_counts()
    assert {t: (before[t], after[t]) for t in before if before[t] != after[t]} == {}
