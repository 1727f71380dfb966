"""The queue demo: counters for every agency, a signed-in officer at each, idempotent."""

from __future__ import annotations

from datetime import UTC, datetime

from mpp.catalog.enums import Channel
from mpp.queueing import domain
from mpp.queueing.demo import load_queue_demo
from mpp.queueing.models import Counter, QueueService
from tests.factories import AgencyFactory, MallFactory, ServiceFactory


def test_load_queue_demo_signs_officer_in_everywhere_and_is_idempotent(db):
    mall = MallFactory(slug="ngawi")
    big = AgencyFactory(mall=mall, position=1)
    small = AgencyFactory(mall=mall, position=2)
    online = AgencyFactory(mall=mall, position=3)
    for _ in range(5):
        ServiceFactory(agency=big)
    ServiceFactory(agency=small)
    ServiceFactory(agency=online, channel=Channel.ONLINE)

    first = load_queue_demo(mall)
    second = load_queue_demo(mall)

    counters = list(Counter.objects.order_by("number"))
    assert first == second == {"counters": 3, "officers": 3, "services": 6}
    assert [(c.number, c.agency_id, c.officer.username) for c in counters] == [
        (1, big.pk, "loket1"), (2, big.pk, "loket2"), (3, small.pk, "loket3"),
    ]  # fmt: skip
    assert sorted(set(QueueService.objects.values_list("prefix", flat=True))) == ["A", "B"]
    monday_10_wib = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
    ticket = domain.issue_ticket(service=big.services.first(), now=monday_10_wib)
    called = domain.call_next(counter=counters[0], officer=counters[0].officer, now=monday_10_wib)
    assert called.pk == ticket.pk
    assert counters[0].officer.check_password("antrian-demo-2026")


def test_issue_api_token_command_prints_working_token(db, client):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    from tests.queueing.conftest import build_hall

    hall = build_hall(counters=1)
    out = StringIO()
    call_command("issue_api_token", hall.officers[0].username, stdout=out)
    token = out.getvalue().strip()

    response = client.post(
        f"/api/v1/queue/counters/{hall.counters[0].number}/call-next",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert token.startswith("mpp_")
    assert response.status_code == 200
    try:
        call_command("issue_api_token", "nobody-here")
    except CommandError as exc:
        assert "nobody-here" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("unknown user must fail")


def test_release_no_shows_and_render_voice_commands(db):
    from io import StringIO

    from django.core.management import call_command

    MallFactory(slug="ngawi")
    out = StringIO()
    call_command("release_no_shows", stdout=out)
    call_command("render_queue_voice", stdout=out)

    assert "0 booking(s) released." in out.getvalue()
    assert "segments ready" in out.getvalue()
