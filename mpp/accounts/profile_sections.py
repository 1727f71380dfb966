"""Sections other apps add to the citizen's profile page (`accounts:profile`).

The profile page belongs to accounts, but some of what it shows belongs to apps that depend on
accounts (the channels a citizen accepts messages on are `notifications`'). Such an app
registers a function `user -> template context` in its `AppConfig.ready()`; the profile view
merges what they return, so accounts imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ContextProvider = Callable[[Any], dict[str, Any]]
_providers: list[ContextProvider] = []


def register_profile_section(provider: ContextProvider) -> None:
    """Add `provider(user)`'s context to the profile page (registering twice has no effect)."""
    if provider not in _providers:
        _providers.append(provider)


def profile_sections_context(user: Any) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for provider in _providers:
        context.update(provider(user))
    return context
