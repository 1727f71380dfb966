"""{% staff_nav %}: the one staff navigation (entries registered by the apps in
mpp/accounts/staff_nav.py, each filtered by the rule that gates its page), current page marked."""

from __future__ import annotations

from typing import Any

from django import template

from mpp.accounts.staff_nav import on_staff_page, staff_links

register = template.Library()


@register.inclusion_tag("accounts/_staff_nav.html", takes_context=True)
def staff_nav(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    links = staff_links(request) if request is not None else []
    return {"links": links, "request": request}


@register.simple_tag(takes_context=True)
def staff_page_current(context: template.Context) -> bool:
    """`{% staff_page_current as on_staff_page %}`: the staff menu marks this page, so the
    public menu must not mark one too (one current item per page)."""
    request = context.get("request")
    return request is not None and on_staff_page(request)


@register.simple_tag(takes_context=True)
def staff_menu_shown(context: template.Context) -> bool:
    """`{% staff_menu_shown as x %}`: whether this page carries the staff menu (the phone's
    menu button then controls it too)."""
    request = context.get("request")
    return request is not None and bool(staff_links(request))
