"""The staff outbox ("Kotak keluar"), message texts in the admin, `send_test_notification`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mpp.accounts.enums import StaffRole
from mpp.notifications.domain import queue_notification
from mpp.notifications.enums import NotificationStatus
from mpp.notifications.models import MessageTemplate, Notification
from tests.applications.factories import login_verified, make_mall_wide, make_officer
from tests.factories import MallFactory
from tests.notifications.conftest import PHONE

pytestmark = pytest.mark.django_db
OUTBOX = "/staf/kotak-keluar/"


@pytest.fixture
def manager(mall):
    return make_mall_wide(mall=mall, role=StaffRole.MALL_MANAGER)


def _rows(mall, n, **extra):
    return [
        queue_notification(
            channel="whatsapp",
            to=PHONE,
            body=f"Giliran Anda sebentar lagi: nomor B-{i:03d}",
            kind="ticket_near",
            mall=mall,
            **extra,
        )
        for i in range(n)
    ]


def test_the_outbox_shows_messages_with_masked_recipients(client, mall, manager):
    _rows(mall, 2)
    queue_notification(channel="sms", to=PHONE, body="Kode 123456", kind="otp", mall=mall)
    login_verified(client, manager)
    response = client.get(OUTBOX)
    html = response.content.decode()
    assert reverse("notifications:outbox") == OUTBOX
    assert "Kotak keluar" in html
    assert html.count("Giliran Anda sebentar lagi: nomor B-") == 2
    assert "+62 •••• •••• 7890" in html
    assert "81234567890" not in html
    assert "123456" not in html
    assert "[kode rahasia, tidak ditampilkan]" in html


def test_the_outbox_shows_only_the_managers_mall(client, mall, manager):
    other = MallFactory(slug="madiun")
    _rows(other, 1)
    login_verified(client, manager)
    assert "Belum ada pesan." in client.get(OUTBOX).content.decode()


def test_the_outbox_filters_by_status(client, mall, manager):
    sent, _waiting = _rows(mall, 2)
    Notification.objects.filter(pk=sent.pk).update(status=NotificationStatus.SENT)
    login_verified(client, manager)
    html = client.get(OUTBOX, {"status": "sent"}).content.decode()
    assert "nomor B-000" in html
    assert "nomor B-001" not in html


def test_the_outbox_fragment_is_only_the_list(client, mall, manager):
    _rows(mall, 1)
    login_verified(client, manager)
    html = client.get(OUTBOX, {"fragment": "1"}).content.decode()
    assert html.lstrip().startswith('<ol class="outbox-list">')


def test_the_outbox_needs_a_manager_with_the_second_factor(client, mall, manager, agency):
    anonymous = client.get(OUTBOX)
    assert anonymous.url == f"{reverse('accounts:login')}?next=%2Fstaf%2Fkotak-keluar%2F"
    officer = make_officer(mall=mall, agency=agency, role=StaffRole.COUNTER_OFFICER)
    login_verified(client, officer)
    assert client.get(OUTBOX).status_code == 403  # the one staff gate: wrong role
    client.force_login(manager, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(OUTBOX)
    assert response.url.startswith(reverse("accounts:two-factor"))


def test_the_outbox_query_count_does_not_grow_with_the_page(client, mall, manager):
    login_verified(client, manager)
    _rows(mall, 3)
    client.get(OUTBOX)  # the first request of a session also saves the session
    with CaptureQueriesContext(connection) as few:
        client.get(OUTBOX)
    _rows(mall, 30)
    with CaptureQueriesContext(connection) as many:
        response = client.get(OUTBOX)
    assert response.content.decode().count('class="outbox-item ') == 33
    assert len(many) == len(few)


# --- Message texts in the admin --------------------------------------------------------------


def test_a_manager_words_a_message_and_sees_the_preview(client, mall, manager):
    login_verified(client, manager)
    add = reverse("admin:notifications_messagetemplate_add")
    start = client.get(add, {"kind": "ticket_near"})
    assert "Giliran Anda sebentar lagi: nomor {number}" in start.content.decode()
    response = client.post(
        add,
        {
            "mall": mall.pk,
            "kind": "ticket_near",
            "text_id": "Sebentar lagi giliran {number}! Kembali ke {place}. {url}",
            "text_en": "",
            "_continue": "1",
        },
    )
    template = MessageTemplate.objects.get(mall=mall, kind="ticket_near")
    assert response.url == reverse("admin:notifications_messagetemplate_change", args=[template.pk])
    html = client.get(response.url).content.decode()
    assert "Sebentar lagi giliran B-012! Kembali ke gerai A3, lantai 1." in html
    # English stays the platform's text, filled with the English samples.
    assert "Your turn is near: number B-012 for KTP-el." in html
    assert "mpp_giliran_dekat" not in html  # no template configured in this test
    assert template.updated_by == manager


def test_a_text_with_an_unknown_field_is_refused(client, mall, manager):
    login_verified(client, manager)
    response = client.post(
        reverse("admin:notifications_messagetemplate_add"),
        {
            "mall": mall.pk,
            "kind": "ticket_called",
            "text_id": "Nomor {nomor} ke {counter",
            "text_en": "",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Isian tidak dikenal: {nomor}. Gunakan hanya: {number}, {counter}, {place}." in html
    assert "periksa kurung kurawalnya" in html
    assert not MessageTemplate.objects.exists()


def test_all_messages_page_lists_every_kind(client, mall, manager):
    login_verified(client, manager)
    html = client.get(reverse("admin:notifications_messagetemplate_all")).content.decode()
    for label in (
        "Antrean: giliran Anda sebentar lagi",
        "Pemesanan: pengingat satu jam sebelumnya",
    ):
        assert label in html
    assert "Pengaduan: dijawab" in html


def test_another_malls_manager_cannot_see_the_text(client, mall, manager):
    template = MessageTemplate.objects.create(mall=mall, kind="ticket_near", text_id="x")
    other = make_mall_wide(mall=MallFactory(slug="madiun"), role=StaffRole.MALL_MANAGER)
    login_verified(client, other)
    url = reverse("admin:notifications_messagetemplate_change", args=[template.pk])
    assert client.get(url).status_code in {302, 404}
    assert (
        client.get(reverse("admin:notifications_messagetemplate_changelist"))
        .context["cl"]
        .result_count
        == 0
    )


# --- send_test_notification -------------------------------------------------------------------


def test_send_test_notification_by_whatsapp(channels):
    out = StringIO()
    call_command(
        "send_test_notification", "--channel", "whatsapp", "--to", "0812 3456 7890", stdout=out
    )
    assert out.getvalue().splitlines()[-1] == "Sent. Provider's message id: wamid.FAKE1"
    [request] = channels.sent("/messages")
    assert request.json["template"]["name"] == "mpp_test"
    assert request.json["to"] == "6281234567890"
    assert Notification.objects.get().kind == "test"


def test_send_test_notification_reports_a_refusal(channels):
    channels.answer("/sms", status=401, body={"error": "bad key"})
    with pytest.raises(CommandError, match="Not sent \\(failed\\): SMS gateway answered 401"):
        call_command("send_test_notification", "--channel", "sms", "--to", PHONE, stdout=StringIO())


def test_send_test_notification_refuses_a_bad_address():
    with pytest.raises(CommandError, match="is not a phone number"):
        call_command("send_test_notification", "--channel", "sms", "--to", "12")


def test_send_test_notification_by_email(mailoutbox):
    out = StringIO()
    call_command(
        "send_test_notification", "--channel", "email", "--to", "ops@example.id", stdout=out
    )
    assert "Sent." in out.getvalue()
    assert mailoutbox[0].subject == "Pesan uji MPP"
