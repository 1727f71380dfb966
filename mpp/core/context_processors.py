from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from mpp.core.tenancy import current_mall


def mall(request: HttpRequest) -> dict[str, Any]:
    return {
        "mall": current_mall(request),
        "demo_mode": bool(getattr(settings, "MPP_DEMO_MODE", False)),
    }
