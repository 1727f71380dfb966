"""The registries that keep `core` free of app imports (issue 13): the staff scope is derived by
accounts and the outbox is provided by notifications, each registered at start-up; without
them core refuses loudly instead of answering "nobody may do anything"."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from mpp.accounts.permissions import derive_staff_scope
from mpp.core import messaging, rules
from mpp.notifications.domain import queue_notification
from mpp.notifications.models import Notification


def test_accounts_and_notifications_registered_themselves_at_start_up():
    assert rules._provider == [derive_staff_scope]
    assert messaging._sender == [queue_notification]


def test_without_a_scope_provider_core_rules_refuse_loudly(monkeypatch):
    monkeypatch.setattr(rules, "_provider", [])
    with pytest.raises(ImproperlyConfigured):
        rules.staff_scope(object())


def test_without_a_sender_a_message_is_not_silently_dropped(monkeypatch):
    monkeypatch.setattr(messaging, "_sender", [])
    with pytest.raises(ImproperlyConfigured):
        messaging.send_message(channel="sms", to="+6281234567890", body="x", kind="otp")


@pytest.mark.django_db
def test_a_message_sent_through_core_lands_in_the_outbox():
    row = messaging.send_message(
        channel="sms", to="0812 3456 7890", body="Kode 123456", kind="otp", sensitive=True
    )
    assert Notification.objects.get() == row
    assert row.to == "+6281234567890"
