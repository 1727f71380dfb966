"""Template helpers available in every template (registered as a builtin in settings)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import formats, translation
from django.utils.html import conditional_escape

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


# --- {% url %}, kept -----------------------------------------------------------------------
# Issue 15: every page reverses the same dozen or more names (menu, footer, forms), ~0.1 ms of
# Python each. A reversal depends only on the name, its arguments, the current application,
# the script prefix (/m/<slug>/) and the URLconf, so its result is kept in the process under
# exactly these; anything unusual (an argument that is not a plain str/int, a name that does
# not reverse) goes the ordinary way every time.

_kept_urls: dict[tuple[object, ...], str] = {}
_KEPT_URLS_MAX = 4096


class KeptURLNode(URLNode):
    """Django's `{% url %}` (same syntax, output and errors) with reversals kept in the process."""

    def render(self, context: template.Context) -> str:
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app  # type: ignore[attr-defined]
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace  # type: ignore[attr-defined]
            except AttributeError:
                current_app = None
        plain = all(type(v) in (str, int) for v in (*args, *kwargs.values()))
        key = (
            view_name,
            tuple(args),
            tuple(sorted(kwargs.items())),
            current_app,
            get_script_prefix(),
            get_urlconf() or settings.ROOT_URLCONF,
        )
        url = _kept_urls.get(key) if plain and isinstance(view_name, str) else None
        if url is None:
            url = ""
            try:
                url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
            except NoReverseMatch:
                if self.asvar is None:
                    raise
            else:
                if plain and isinstance(view_name, str):
                    if len(_kept_urls) >= _KEPT_URLS_MAX:
                        _kept_urls.clear()
                    _kept_urls[key] = url
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag(name="url")
def kept_url(parser: template.base.Parser, token: template.base.Token) -> KeptURLNode:
    """`{% url %}` as Django parses it, rendered by KeptURLNode."""
    node = django_url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)


def clear_kept_urls(**_kwargs: Any) -> None:
    """Forget every kept reversal (a receiver of `setting_changed`, for tests that swap the
    URLconf)."""
    _kept_urls.clear()


setting_changed.connect(clear_kept_urls, dispatch_uid="mpp-kept-urls")
