"""API bearer tokens: issue one for a user, authenticate a request by it.

Tokens are random (secrets.token_urlsafe, 256 bits) and stored as SHA-256 digests, so a
database leak does not leak usable tokens. Checking one is a single indexed lookup: no
signature verification on the hot path (TheQ spent 42 % of its CPU there, docs/peers.md §7).
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from mpp.accounts.models import ApiToken, User

TOKEN_PREFIX = "mpp_"  # noqa: S105 - a visible prefix, not a secret


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_api_token(*, user: User, name: str = "") -> str:
    """Create a token for `user` and return it; only its digest is kept."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, digest=_digest(token), hint=token[:8])
    return token


def user_for_token(token: str) -> User | None:
    if not token or len(token) > 200:
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(token), is_active=True, user__is_active=True)
        .first()
    )
    return row.user if row else None


class TokenAuth(HttpBearer):
    """`Authorization: Bearer mpp_…`. Sets request.user to the token's user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is None:
            return None
        request.user = user
        return user
