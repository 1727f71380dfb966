"""The one staff navigation: every staff page shows the same links, filtered by the same rules
that gate the pages themselves (mpp.accounts.access.staff_page rules and the scope helpers of
each app), with the current page marked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()


@dataclass(frozen=True)
class StaffLink:
    label: Any
    url: str
    current: bool


def _links(request: HttpRequest) -> list[StaffLink]:
    # Imported here: the rules live in the apps, which import the accounts app.
    from mpp.accounts.permissions import can_view_mall, staff_scope
    from mpp.applications.access import works_here
    from mpp.core.tenancy import current_mall
    from mpp.facilities.access import manages
    from mpp.feedback import permissions as feedback_permissions
    from mpp.queueing.domain.counters import works_at_counters

    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_staff:
        return []
    mall = current_mall(request)
    complaints = feedback_permissions.complaint_scope(user).has_access
    rules: list[tuple[Any, str, bool]] = [
        (_("Officer console"), "queueing:console-counters", works_at_counters(user, mall)),
        (_("Officer inbox"), "applications:inbox", works_here(user, mall)),
        (_("Complaint desk"), "feedback:desk", complaints),
        (
            _("Survey suggestions"),
            "feedback:suggestions",
            mall is not None and feedback_permissions.can_manage(user, mall.pk),
        ),
        (_("Survey follow-ups"), "feedback:follow-ups", complaints),
        (
            _("Outbox"),
            "notifications:outbox",
            mall is not None and can_view_mall(user, mall),
        ),
        (_("Rooms and MSME booths"), "facilities:staff", manages(user, mall)),
        (
            _("Administration"),
            "admin:index",
            staff_scope(user).has_catalogue_access or user.is_superuser,
        ),
    ]
    path = request.path
    links = []
    for label, name, allowed in rules:
        if not allowed:
            continue
        url = reverse(name)
        links.append(StaffLink(label=label, url=url, current=path.startswith(url)))
    return links


@register.inclusion_tag("accounts/_staff_nav.html", takes_context=True)
def staff_nav(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    links = _links(request) if request is not None else []
    return {"links": links, "request": request}
