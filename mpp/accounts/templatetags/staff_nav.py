"""{% staff_nav %}: the one staff navigation (entries registered by the apps in
mpp/accounts/staff_nav.py, each filtered by the rule that gates its page), current page marked."""

from __future__ import annotations

from typing import Any

from django import template

from mpp.accounts.staff_nav import staff_links

register = template.Library()


@register.inclusion_tag("accounts/_staff_nav.html", takes_context=True)
def staff_nav(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    links = staff_links(request) if request is not None else []
    return {"links": links, "request": request}
