"""API tokens are remembered by each process (issue 11: the officer's call path pays no token
query), and yet revoking a token, deactivating its user or taking away staff status refuses
the very next request — in this process and in every other, through the shared generation
(mpp/accounts/tokens.py)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from mpp.accounts import tokens
from mpp.accounts.access import TOKEN_MARK, memberships
from mpp.accounts.models import ApiToken, StaffMembership, User
from mpp.accounts.tokens import TokenCache, issue_api_token, revoke_api_tokens
from mpp.queueing.queries import clear_caches
from tests.queueing.conftest import build_hall

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall(db):
    # The queue's process caches (counter numbers by mall) must not outlive another test's mall.
    clear_caches()
    yield build_hall(counters=1)
    clear_caches()


def _call_next(client, hall, token: str):
    return client.post(
        f"/api/v1/queue/counters/{hall.counters[0].number}/call-next",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def _token_queries(captured: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "accounts_apitoken" in q["sql"]]


def test_a_token_used_again_is_not_looked_up_in_the_database(hall, client):
    token = issue_api_token(user=hall.officers[0])
    assert _call_next(client, hall, token).status_code == 200

    with CaptureQueriesContext(connection) as captured:
        response = _call_next(client, hall, token)

    assert response.status_code == 200
    assert _token_queries(captured) == []


def test_each_request_gets_its_own_user_object(hall):
    token = issue_api_token(user=hall.officers[0])
    first = tokens.user_for_token(token)
    memberships(first)  # cached on the user object by the first request
    setattr(first, TOKEN_MARK, True)

    second = tokens.user_for_token(token)

    assert (second.pk, second.username) == (first.pk, first.username)
    assert second is not first
    assert not hasattr(second, TOKEN_MARK)
    assert not hasattr(second, "_mpp_memberships")


def test_a_revoked_token_is_refused_at_once(hall, client, django_capture_on_commit_callbacks):
    token = issue_api_token(user=hall.officers[0])
    other = issue_api_token(user=hall.officers[0])
    assert _call_next(client, hall, token).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        assert len(revoke_api_tokens(token=token)) == 1

    assert _call_next(client, hall, token).status_code == 401
    assert _call_next(client, hall, other).status_code == 200


def test_a_token_deactivated_by_saving_it_is_refused_at_once(hall, client):
    token = issue_api_token(user=hall.officers[0])
    assert _call_next(client, hall, token).status_code == 200

    row = ApiToken.objects.get(user=hall.officers[0])
    row.is_active = False
    row.save()

    assert _call_next(client, hall, token).status_code == 401


def test_a_deactivated_officer_or_one_no_longer_staff_is_refused_at_once(hall, client):
    officer = hall.officers[0]
    token = issue_api_token(user=officer)
    assert _call_next(client, hall, token).status_code == 200

    officer.is_staff = False
    officer.save(update_fields=["is_staff"])
    assert _call_next(client, hall, token).status_code == 401

    officer.is_staff = True
    officer.save(update_fields=["is_staff"])
    assert _call_next(client, hall, token).status_code == 200
    officer.is_active = False
    officer.save()
    assert _call_next(client, hall, token).status_code == 401


def test_a_sign_in_does_not_make_every_process_check_its_tokens_again(hall):
    token = issue_api_token(user=hall.officers[0])
    tokens.user_for_token(token)
    before = tokens._generation()

    officer = hall.officers[0]
    officer.save(update_fields=["last_login"])
    assert tokens._generation() == before

    # A citizen without a token changes nothing either; a token holder's membership does.
    citizen = User.objects.create_user(username="warga-tanpa-token")
    citizen.first_name = "Warga"
    citizen.save()
    assert tokens._generation() == before

    StaffMembership.objects.filter(user=officer).first().save()
    assert tokens._generation() != before


def test_revocation_reaches_another_process_through_the_shared_generation(hall):
    """Two processes are two TokenCache instances sharing the cache (Redis in production)."""
    token = issue_api_token(user=hall.officers[0])
    process_a, process_b = TokenCache(), TokenCache()
    assert process_a.user(token) is not None
    assert process_b.user(token) is not None
    with CaptureQueriesContext(connection) as captured:
        assert process_b.user(token) is not None
    assert _token_queries(captured) == []  # B answers from its memory

    revoke_api_tokens(user=hall.officers[0])  # in process A

    assert process_b.user(token) is None
    assert process_a.user(token) is None


def test_an_entry_expires_after_its_lifetime(hall):
    token = issue_api_token(user=hall.officers[0])
    process = TokenCache(seconds=60)
    assert process.user(token) is not None
    # A change made behind the generation's back (a bulk update without the bump) holds
    # at most one lifetime.
    ApiToken.objects.filter(user=hall.officers[0]).update(is_active=False)
    assert process.user(token) is not None

    with mock.patch.object(tokens.time, "monotonic", return_value=tokens.time.monotonic() + 61):
        assert process.user(token) is None


def test_while_redis_is_unreachable_every_use_asks_the_database(hall):
    token = issue_api_token(user=hall.officers[0])
    process = TokenCache()
    try:
        with override_settings(REDIS_URL="redis://127.0.0.1:1/0"):  # nothing listens there
            assert process.user(token) is not None
            with CaptureQueriesContext(connection) as captured:
                assert process.user(token) is not None
    finally:
        tokens._redis_down_until = 0.0
    assert len(_token_queries(captured)) == 1


def test_unknown_and_oversized_tokens_are_refused(hall, client):
    assert _call_next(client, hall, "mpp_not-a-token").status_code == 401
    assert tokens.user_for_token("mpp_" + "x" * 300) is None
    assert tokens.user_for_token("") is None


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="without Redis the generation lives beside SQLite"
)
@override_settings(REDIS_URL="")
def test_without_redis_another_process_bump_reaches_this_one_through_the_file(hall):
    """The embedded default: a second web process, the worker or a `manage.py` command on the
    same SQLite database bumps the generation by rewriting its file; this process's next use
    of a remembered token asks the database again."""
    token = issue_api_token(user=hall.officers[0])
    path = tokens._generation_file()
    assert path.parent == tokens.Path(connection.settings_dict["NAME"]).parent
    process = TokenCache()
    assert process.user(token) is not None
    with CaptureQueriesContext(connection) as captured:
        assert process.user(token) is not None
    assert _token_queries(captured) == []

    # What another process's revocation does: the rows change, then the file is rewritten.
    ApiToken.objects.filter(user=hall.officers[0]).update(is_active=False)
    path.write_text("written-by-another-process")

    assert process.user(token) is None


def test_issue_api_token_command_audits_the_issue_without_the_token(hall, client):
    from io import StringIO

    from django.core.management import call_command

    from mpp.audit.models import AuditEvent

    officer = hall.officers[0]
    out = StringIO()
    call_command("issue_api_token", officer.username, "--name", "loket 1 PC", stdout=out)
    token = out.getvalue().strip()

    assert _call_next(client, hall, token).status_code == 200
    event = AuditEvent.objects.get(action="accounts.api_token_issued")
    assert event.actor_label == "system:issue_api_token"
    assert event.data == {"user": officer.pk, "hint": token[:8], "name": "loket 1 PC"}
    assert token not in str(event.data) and token[8:20] not in str(event.data)


def test_revoke_api_tokens_command_revokes_by_name_and_audits(
    hall, client, django_capture_on_commit_callbacks
):
    """The operator's answer to a lost counter PC (docs/operations.md §11)."""
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    from mpp.audit.models import AuditEvent

    officer = hall.officers[0]
    pc = issue_api_token(user=officer, name="loket 1 PC")
    tablet = issue_api_token(user=officer, name="tablet")
    assert _call_next(client, hall, pc).status_code == 200
    assert _call_next(client, hall, tablet).status_code == 200

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("revoke_api_tokens", officer.username, "--name", "tablet", stdout=out)

    assert f"revoked {tablet[:8]}…  tablet" in out.getvalue()
    assert "1 API token(s)" in out.getvalue()
    assert _call_next(client, hall, tablet).status_code == 401  # at once, though cached
    assert _call_next(client, hall, pc).status_code == 200
    event = AuditEvent.objects.get(action="accounts.api_token_revoked")
    assert event.actor_label == "system:revoke_api_tokens"
    assert event.data == {"user": officer.pk, "hint": tablet[:8], "name": "tablet"}
    assert tablet not in str(event.data) and tablet[8:20] not in str(event.data)

    # Nothing left by that name, or no such user: an error, and nothing changes.
    for arguments in ([officer.username, "--name", "tablet"], ["nobody-here"]):
        with pytest.raises(CommandError):
            call_command("revoke_api_tokens", *arguments, stdout=StringIO())
    assert _call_next(client, hall, pc).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        call_command("revoke_api_tokens", officer.username, stdout=StringIO())
    assert _call_next(client, hall, pc).status_code == 401
    assert AuditEvent.objects.filter(action="accounts.api_token_revoked").count() == 2
