from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

register = template.Library()


@register.simple_tag
def msme_today(mall: Any) -> Any:
    """Today's MSME tenants of `mall` (for facilities/_today.html)."""
    from mpp.core.clock import local_day
    from mpp.facilities.msme import tenants_on

    if mall is None:
        return []
    return list(tenants_on(mall, local_day(mall, timezone.now())))
