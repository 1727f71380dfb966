"""Template helpers available in every template (registered as a builtin in settings)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.utils import formats, translation

from mpp.core.formatting import local_time, rupiah, zone_abbreviation

register = template.Library()


@register.filter(name="rupiah")
def rupiah_filter(amount: int | None) -> str:
    return rupiah(amount)


@register.filter
def wib(value: datetime | None, tz_name: str = "Asia/Jakarta") -> str:
    """A datetime in the mall's zone with its abbreviation: '27 Nov 2026 08.15 WIB'."""
    if value is None:
        return ""
    local = local_time(value, tz_name)
    return f"{formats.date_format(local, 'j M Y H.i')} {zone_abbreviation(tz_name)}"


@register.simple_tag(takes_context=True)
def localized(context: template.Context, obj: object, field: str) -> str:
    """The English variant of a content field (`<field>_en`) when English is active and the
    variant is filled in; the Indonesian original otherwise."""
    if translation.get_language() == "en":
        english = getattr(obj, f"{field}_en", "")
        if english:
            return str(english)
    return str(getattr(obj, field, ""))


@register.filter
def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@register.filter
def grouped(value: float | int | None, decimals: int | None = None) -> str:
    """A number with the active language's thousands separator: 12.345 (id), 12,345 (en)."""
    if value is None or value == "":
        return "–"
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.filter
def startswith(value: object, prefix: object) -> bool:
    """`{% if request.path|startswith:"/antrian/" %}`: marks the current section in menus."""
    return bool(prefix) and str(value or "").startswith(str(prefix))


@register.inclusion_tag("core/_error_summary.html")
def error_summary(*forms: Any) -> dict[str, Any]:
    """The error summary at the top of a page (GOV.UK pattern): every message of the forms,
    each linking to its field (the first input of a group of radios or checkboxes)."""
    errors: list[tuple[str, str]] = []
    for form in forms:
        if form is None or not getattr(form, "errors", None):
            continue
        errors.extend((str(message), "") for message in form.non_field_errors())
        for field in form:
            if field.errors:
                # Radios and checkbox groups have no single label target: link the first input.
                anchor = field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")
                errors.extend((str(message), anchor) for message in field.errors)
    return {"errors": errors}
