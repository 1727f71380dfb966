"""A citizen chooses the channels messages reach them on, in their profile."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mpp.notifications.domain import opt_out
from mpp.notifications.models import Contact, NotificationPreference
from tests.applications.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def test_the_profile_saves_the_chosen_channels(client):
    citizen = CitizenFactory(phone="+6281234567890")
    client.force_login(citizen, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Kirim pesan kepada saya lewat" in page
    response = client.post(
        reverse("notifications:message-preferences"), {"sms": "on", "email": "on"}
    )
    assert response.url == reverse("accounts:profile")
    preference = NotificationPreference.objects.get(user=citizen)
    assert (preference.whatsapp, preference.sms, preference.email) == (False, True, True)
    follow = client.get(response.url).content.decode()
    assert "Pengaturan pesan Anda tersimpan." in follow


def test_a_number_stopped_by_reply_is_shown_and_can_be_started_again(client):
    citizen = CitizenFactory(phone="+6281234567890")
    opt_out(address="+6281234567890", source="reply")
    client.force_login(citizen, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Anda menghentikan pesan ke nomor ponsel Anda dengan membalas STOP." in page
    client.post(reverse("notifications:message-preferences"), {"whatsapp": "on"})
    assert Contact.objects.get(address="+6281234567890").opted_out_at is None


def test_preferences_need_a_signed_in_citizen(client):
    response = client.post(reverse("notifications:message-preferences"), {"sms": "on"})
    assert response.url.startswith(reverse("accounts:login"))
    assert not NotificationPreference.objects.exists()
