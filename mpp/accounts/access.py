"""One authorisation model for every staff surface (issue 13 item 3, issue 10 item 2).

- `memberships(user)`: the user's staff memberships (role, mall, agency), read once per user
  object and cached on it. Every app's rules (accounts.permissions, applications.access,
  feedback.permissions, facilities.access, queueing.domain.counters) derive from these rows.
- `second_factor_passed(request_or_user)`: the ONE second-factor rule. A staff member acts only
  after their TOTP code in this session (django-otp) or when they came in with an API token.
- `staff_page(allow=...)`: the ONE decorator for staff pages: sign-in, staff status, second
  factor, then the app's rule `allow(user, mall)` (role and mall scope). Views it wraps are
  marked (`STAFF_PAGE_MARK`) so tests/accounts/test_staff_matrix.py finds every staff page.
- `STAFF_AUTH`: the auth classes for staff API operations: a staff API token, or a session with
  the second factor passed. A password-only session is refused (401).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, NamedTuple

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from ninja.security import SessionAuth

from mpp.accounts.tokens import TokenAuth

_MEMBERSHIPS = "_mpp_memberships"
#: Attribute set on every view wrapped by `staff_page`.
STAFF_PAGE_MARK = "mpp_staff_page"
#: Attribute set on a user who came in with an API token (counts as the second factor).
TOKEN_MARK = "_mpp_token_auth"  # noqa: S105 - an attribute name


class Membership(NamedTuple):
    role: str
    mall_id: int
    agency_id: int | None
    agency_mall_id: int | None


def is_staff_user(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and getattr(user, "is_staff", False)
    )


def memberships(user: Any) -> tuple[Membership, ...]:
    """The user's memberships (empty for anonymous and inactive users). Staff status is checked
    by the callers that need it (`staff_page`, `STAFF_AUTH`, the catalogue scope)."""
    cached = getattr(user, _MEMBERSHIPS, None)
    if cached is not None:
        return cached  # type: ignore[no-any-return,unused-ignore]
    rows: tuple[Membership, ...] = ()
    if (
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and getattr(user, "pk", None) is not None
    ):
        rows = tuple(
            Membership(role, mall_id, agency_id, agency_mall_id)
            for role, mall_id, agency_id, agency_mall_id in user.memberships.values_list(
                "role", "mall_id", "agency_id", "agency__mall_id"
            )
        )
    setattr(user, _MEMBERSHIPS, rows)
    return rows


def has_role(user: Any, roles: Any, *, mall_id: int | None = None, agency_id: Any = ...) -> bool:
    """Whether the user holds one of `roles` (in `mall_id`, for `agency_id` when given)."""
    for m in memberships(user):
        if m.role not in roles:
            continue
        if mall_id is not None and m.mall_id != mall_id:
            continue
        if agency_id is not ... and m.agency_id != agency_id:
            continue
        return True
    return False


def works_in(user: Any, mall: Any, roles: Any) -> bool:
    """Whether the user may use a staff surface of `mall`: a superuser, or one of `roles` in
    that mall (mall scope is part of every staff rule: another mall's staff are refused)."""
    if getattr(user, "is_superuser", False) and is_staff_user(user):
        return True
    if mall is None:
        return False
    return has_role(user, roles, mall_id=mall.pk)


def second_factor_passed(request_or_user: Any) -> bool:
    """The one second-factor rule: TOTP verified in this session, or an API token."""
    user = getattr(request_or_user, "user", request_or_user)
    if getattr(user, TOKEN_MARK, False):
        return True
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


Rule = Callable[[Any, Any], bool]


def staff_page(
    view: Callable[..., Any] | None = None,
    *,
    allow: Rule | None = None,
    denied: Any = "",
) -> Any:
    """Gate a staff page: anonymous → sign-in page; not staff → 404; no second factor → the
    code page; `allow(user, mall)` false → 403. Usable bare (`@staff_page`) or with a rule."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(func)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            user = request.user
            if not user.is_authenticated:
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('accounts:login')}?{query}")
            if not is_staff_user(user):
                raise Http404(_("You do not have permission to open this page."))
            if not second_factor_passed(request):
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('accounts:two-factor')}?{query}")
            if allow is not None:
                from mpp.core.tenancy import current_mall

                if not allow(user, current_mall(request)):
                    return HttpResponseForbidden(
                        str(denied or _("You do not have permission to open this page."))
                    )
            return func(request, *args, **kwargs)

        setattr(wrapper, STAFF_PAGE_MARK, True)
        return wrapper

    if view is not None:
        return decorate(view)
    return decorate


def is_staff_page(view: Any) -> bool:
    """Whether `view` (or a view it wraps) went through `staff_page`."""
    while view is not None:
        if getattr(view, STAFF_PAGE_MARK, False):
            return True
        view = getattr(view, "__wrapped__", None)
    return False


class StaffTokenAuth(TokenAuth):
    """`Authorization: Bearer mpp_…` for staff: the token stands for the second factor (it is
    issued to the person after sign-in with their code). With `staff_only`, a citizen's token
    is refused."""

    def __init__(self, *, staff_only: bool = True) -> None:
        super().__init__()
        self.staff_only = staff_only

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = super().authenticate(request, token)
        if user is None:
            return None
        if self.staff_only and not is_staff_user(user):
            return None
        setattr(user, TOKEN_MARK, True)
        return user


class StaffSessionAuth(SessionAuth):
    """The browser session of a staff member who passed the second factor (CSRF checked on
    writes, as django_auth does)."""

    def _get_key(self, request: HttpRequest) -> str | None:
        # No session cookie: no session to sign in with and none a forged request could ride
        # on, so no CSRF check either. A counter PC whose token was refused then gets 401
        # (sign in), not 403 "CSRF cookie not set".
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if key is None:
            return None
        user = request.user
        if is_staff_user(user) and second_factor_passed(request):
            return user
        return None


#: Auth for every staff API operation.
STAFF_AUTH = [StaffTokenAuth(staff_only=True), StaffSessionAuth()]
