from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from mpp.core.opening import demo_switch_on
from mpp.core.tenancy import current_mall


def mall(request: HttpRequest) -> dict[str, Any]:
    return {
        "mall": current_mall(request),
        "demo_mode": demo_switch_on(),
    }
