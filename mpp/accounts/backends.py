"""Authentication backends: throttling (django-axes) and sign-in by e-mail or phone number."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.http import HttpRequest

from mpp.accounts.contacts import parse_email
from mpp.accounts.models import User
from mpp.core.phones import parse_phone


class ThrottlingBackend(AxesStandaloneBackend):
    """django-axes' lockout check, first in AUTHENTICATION_BACKENDS.

    Every sign-in form of the platform passes the request, so every one is throttled. Calls
    without a request (the test client's `login`, a shell) cannot be attributed to a client
    and are not throttled here rather than refused outright.
    """

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> Any:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


class EmailOrPhoneBackend(ModelBackend):
    """Citizens sign in with the e-mail address or phone number they registered. Staff sign
    in by username through the ModelBackend that follows."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or not password:
            return None
        email = parse_email(username)
        phone = parse_phone(username)
        if email:
            query = Q(email__iexact=email)
        elif phone:
            query = Q(phone=phone)
        else:
            return None
        candidates = list(User.objects.filter(query)[:2])
        if len(candidates) != 1:
            # Unknown or ambiguous: spend the same time as a real check, then fail.
            User().set_password(password)
            return None
        user = candidates[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
