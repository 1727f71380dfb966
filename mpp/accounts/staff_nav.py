"""The one staff navigation's entries. Each app registers its staff pages here with the rule
that gates them (its own scope helper), so the menu shows exactly the pages a member of staff
may open, and accounts imports no feature app (the apps import accounts; registration happens
in their AppConfig.ready()). The template tag `{% staff_nav %}` renders it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.urls import reverse

if TYPE_CHECKING:
    from django.http import HttpRequest

    from mpp.core.models import Mall

#: Whether this member of staff may open the page in this mall (None: no mall resolved).
Rule = Callable[[Any, "Mall | None"], bool]


@dataclass(frozen=True)
class StaffEntry:
    position: int
    label: Any
    url_name: str
    allowed: Rule


@dataclass(frozen=True)
class StaffLink:
    label: Any
    url: str
    current: bool


_ENTRIES: dict[str, StaffEntry] = {}


def register_staff_page(position: int, label: Any, url_name: str, allowed: Rule) -> None:
    """Add a page to the staff menu (idempotent per URL name; `position` orders the menu)."""
    _ENTRIES[url_name] = StaffEntry(position, label, url_name, allowed)


def staff_links(request: HttpRequest) -> list[StaffLink]:
    """The staff menu for this request (computed once per request: the base layout asks twice,
    for the menu itself and for `on_staff_page`)."""
    cached: list[StaffLink] | None = getattr(request, "_mpp_staff_links", None)
    if cached is None:
        cached = _staff_links(request)
        request._mpp_staff_links = cached  # type: ignore[attr-defined]
    return cached


def on_staff_page(request: HttpRequest) -> bool:
    """Whether the staff menu marks this page as current. The public menu then marks nothing,
    so a page never has two highlighted menu items (/antrian/loket/ is also under the public
    "Antrean" section, /ruang/staf/ under "Ruang kerja bersama")."""
    return any(link.current for link in staff_links(request))


def _staff_links(request: HttpRequest) -> list[StaffLink]:
    from mpp.core.tenancy import current_mall

    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_staff:
        return []
    mall = current_mall(request)
    links = []
    for entry in sorted(_ENTRIES.values(), key=lambda e: e.position):
        if not entry.allowed(user, mall):
            continue
        url = reverse(entry.url_name)
        links.append(StaffLink(entry.label, url, request.path.startswith(url)))
    return links


def register_accounts_pages() -> None:
    from django.utils.translation import gettext_lazy as _

    from mpp.core.rules import can_view_mall, staff_scope

    register_staff_page(
        60,
        _("Outbox"),
        "notifications:outbox",
        lambda user, mall: mall is not None and can_view_mall(user, mall),
    )
    register_staff_page(
        80,
        _("Administration"),
        "admin:index",
        lambda user, mall: staff_scope(user).has_catalogue_access or user.is_superuser,
    )
