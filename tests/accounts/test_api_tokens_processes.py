"""Token revocation across real app server processes (mpp/accounts/tokens.py): two servers
sharing the database and Redis each remember the officer's token; revoking it in a third
process (this test) refuses the next request on both at once. Uses the Redis of REDIS_URL
(the servers and this process share it, as app servers do in production)."""

from __future__ import annotations

import os

import pytest
from django.test import override_settings

from mpp.accounts.tokens import issue_api_token, revoke_api_tokens
from tests.queueing.conftest import build_hall
from tests.queueing.server import app_server, request

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_revoking_a_token_refuses_it_on_every_server_at_once():
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        pytest.skip("needs REDIS_URL: the servers share their token generation through Redis")
    hall = build_hall(counters=1)
    officer = hall.officers[0]
    token = issue_api_token(user=officer)
    auth = {"Authorization": f"Bearer {token}"}
    path = f"/api/v1/queue/counters/{hall.counters[0].number}/call-next"
    shared_cache = {
        "default": {
            "BACKEND": "mpp.core.redis_cache.ResilientRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": os.environ.get("CACHE_PREFIX", "mpp"),
        }
    }
    shared = {"REDIS_URL": redis_url}
    with (
        app_server(workers=1, extra_env=shared) as first,
        app_server(workers=1, extra_env=shared) as second,
    ):
        for port in (first, second, first, second):  # each server validates, then remembers
            assert request(port, "POST", path, headers=auth)[0] == 200
        # What a server answers a token it never issued (no sign-in at all).
        unknown = {"Authorization": "Bearer mpp_never-issued"}
        refused = [request(port, "POST", path, headers=unknown)[0] for port in (first, second)]
        assert refused[0] in {401, 403} and refused[0] == refused[1]

        with override_settings(CACHES=shared_cache, REDIS_URL=redis_url):
            assert len(revoke_api_tokens(token=token)) == 1

        assert [request(port, "POST", path, headers=auth)[0] for port in (first, second)] == refused

        # A new token works at once; deactivating the officer refuses it on both servers.
        fresh = {"Authorization": f"Bearer {issue_api_token(user=officer)}"}
        for port in (first, second):
            assert request(port, "POST", path, headers=fresh)[0] == 200
        with override_settings(CACHES=shared_cache, REDIS_URL=redis_url):
            officer.is_active = False
            officer.save()
        assert [
            request(port, "POST", path, headers=fresh)[0] for port in (first, second)
        ] == refused
