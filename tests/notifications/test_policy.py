"""Consent, quiet hours, caps, channel choice and the mall's own wording."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.utils import timezone

from mpp.notifications.domain import (
    notify,
    opt_out,
    queue_notification,
    set_notification_preferences,
)
from mpp.notifications.enums import NotificationStatus, OptOutSource, SuppressReason
from mpp.notifications.models import MessageTemplate, Notification
from mpp.notifications.policy import quiet_until
from tests.applications.factories import UserFactory
from tests.notifications.conftest import PHONE

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def _hours_around_now(before: int, after: int) -> str:
    now = timezone.now().astimezone(WIB)
    start = now - timedelta(hours=before)
    end = now + timedelta(hours=after)
    return f"{start:%H:%M}-{end:%H:%M}"


@override_settings(MPP_NOTIFY_QUIET_HOURS="21:00-07:00")
def test_quiet_hours_across_midnight():
    evening = datetime(2026, 12, 7, 22, 30, tzinfo=WIB)
    early = datetime(2026, 12, 8, 5, 0, tzinfo=WIB)
    noon = datetime(2026, 12, 8, 12, 0, tzinfo=WIB)
    morning = datetime(2026, 12, 8, 7, 0, tzinfo=WIB)
    assert quiet_until(evening, WIB) == morning
    assert quiet_until(early, WIB) == morning
    assert quiet_until(noon, WIB) is None


def test_in_quiet_hours_a_message_waits_for_the_morning(channels, deliver, mall):
    with override_settings(MPP_NOTIFY_QUIET_HOURS=_hours_around_now(1, 2)):
        row = queue_notification(
            channel="sms", to=PHONE, body="Pesanan Anda", kind="booking_confirmed", mall=mall
        )
        assert row.status == NotificationStatus.SCHEDULED
        assert row.next_attempt_at > timezone.now() + timedelta(minutes=100)
        # Even if its task runs early, it stays held.
        assert deliver(row) == NotificationStatus.SCHEDULED
    assert channels.sent("/sms/send") == []


def test_your_turn_and_requested_codes_go_out_in_quiet_hours(channels, deliver, mall):
    with override_settings(MPP_NOTIFY_QUIET_HOURS=_hours_around_now(1, 2)):
        near = queue_notification(
            channel="sms", to=PHONE, body="Giliran", kind="ticket_near", mall=mall
        )
        code = queue_notification(channel="sms", to=PHONE, body="Kode 111222", kind="otp")
        assert (deliver(near), deliver(code)) == (NotificationStatus.SENT, NotificationStatus.SENT)
    assert len(channels.sent("/sms/send")) == 2


@override_settings(MPP_NOTIFY_MAX_PER_RECIPIENT_PER_DAY=2)
def test_a_recipient_gets_at_most_the_daily_cap(channels, deliver):
    rows = [
        queue_notification(channel="sms", to=PHONE, body=f"#{i}", kind="test") for i in range(3)
    ]
    other = queue_notification(channel="sms", to="081299998888", body="x", kind="test")
    assert [deliver(r) for r in rows] == ["sent", "sent", "suppressed"]
    assert deliver(other) == "sent"
    rows[2].refresh_from_db()
    assert rows[2].suppressed_reason == SuppressReason.RECIPIENT_CAP
    assert len(channels.sent("/sms/send")) == 3


@override_settings(MPP_NOTIFY_MAX_PER_DAY=1)
def test_the_daily_cap_of_paid_messages_spares_email(channels, deliver):
    first = queue_notification(channel="sms", to=PHONE, body="x", kind="test")
    second = queue_notification(channel="whatsapp", to="081299998888", body="y", kind="test")
    email = queue_notification(channel="email", to="a@example.id", body="z", kind="test")
    assert [deliver(first), deliver(second), deliver(email)] == ["sent", "suppressed", "sent"]
    second.refresh_from_db()
    assert second.suppressed_reason == SuppressReason.DAILY_CAP


@override_settings(MPP_NOTIFY_MAX_PER_RECIPIENT_PER_DAY=1)
def test_a_retry_is_not_counted_twice(channels, deliver):
    channels.answer("/sms", status=503)
    row = queue_notification(channel="sms", to=PHONE, body="x", kind="test")
    assert deliver(row) == NotificationStatus.RETRYING
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert deliver(row) == NotificationStatus.SENT


def test_an_opted_out_number_gets_no_messages_but_its_email_does(channels):
    opt_out(address="0812 3456 7890", source=OptOutSource.REPLY)
    rows = notify(
        kind="booking_confirmed",
        mall=None,
        context={"service": "KTP-el", "when": "besok", "code": "H4T9", "url": "u"},
        dedupe_key="booking:1:confirmed",
        phone=PHONE,
        email="warga@example.id",
    )
    assert [(r.channel, r.to) for r in rows] == [("email", "warga@example.id")]


def test_opting_out_after_queueing_stops_the_waiting_message(channels, deliver):
    row = queue_notification(
        channel="whatsapp",
        to=PHONE,
        body="x",
        kind="test",
        requested=False,
        fallback=[{"channel": "email", "to": "warga@example.id"}],
    )
    opt_out(address=PHONE, source=OptOutSource.PROFILE)
    assert deliver(row) == NotificationStatus.SUPPRESSED
    row.refresh_from_db()
    assert row.suppressed_reason == SuppressReason.OPTED_OUT
    assert channels.sent() == []
    # The citizen keeps hearing from us by e-mail, which they did not opt out of.
    assert Notification.objects.get(fallback_of=row).channel == "email"


def test_a_code_the_citizen_asks_for_ignores_the_opt_out(channels, deliver):
    opt_out(address=PHONE, source=OptOutSource.REPLY)
    row = queue_notification(channel="sms", to=PHONE, body="Kode 123456", kind="otp")
    assert deliver(row) == NotificationStatus.SENT


def test_the_citizens_channels_decide_the_order(channels):
    user = UserFactory(phone=PHONE, email="warga@example.id")
    set_notification_preferences(user=user, whatsapp=False, sms=True, email=True)
    rows = notify(
        kind="test",
        mall=None,
        context={"time": "09.30"},
        dedupe_key="pref:1",
        phone=PHONE,
        email="warga@example.id",
        user=user,
    )
    assert [(r.channel, r.fallback) for r in rows] == [
        ("sms", [{"channel": "email", "to": "warga@example.id"}])
    ]


def test_ticking_a_phone_channel_in_the_profile_opts_the_number_in(channels):
    user = UserFactory(phone=PHONE)
    opt_out(address=PHONE, source=OptOutSource.REPLY)
    set_notification_preferences(user=user, whatsapp=True, sms=False, email=False)
    rows = notify(kind="test", mall=None, context={}, dedupe_key="pref:2", phone=PHONE, user=user)
    assert [r.channel for r in rows] == ["whatsapp"]


def test_the_malls_own_wording_and_english(channels, mall):
    MessageTemplate.objects.create(
        mall=mall,
        kind="ticket_called",
        text_id="Nomor {number}: silakan ke loket {counter} ({place}).",
        text_en="",
    )
    context = {"number": "B-012", "counter": 5, "place": "gerai A3, lantai 1"}
    [indonesian] = notify(
        kind="ticket_called", mall=mall, context=context, dedupe_key="t:1", phone=PHONE
    )
    context["place"] = "booth A3, floor 1"
    [english] = notify(
        kind="ticket_called",
        mall=mall,
        context=context,
        dedupe_key="t:2",
        phone=PHONE,
        language="en",
    )
    assert indonesian.body == "Nomor B-012: silakan ke loket 5 (gerai A3, lantai 1)."
    assert (
        english.body
        == "Number B-012 is called to counter 5, booth A3, floor 1. Please go there now."
    )
    assert indonesian.template_params == ["B-012", "5", "gerai A3, lantai 1"]


def test_a_kind_nobody_registered_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown message kind"):
        notify(kind="nope", mall=None, context={}, dedupe_key="x", phone=PHONE)
