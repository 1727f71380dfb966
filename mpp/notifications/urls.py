from django.urls import path

from mpp.notifications import views, webhooks

app_name = "notifications"

urlpatterns = [
    path("staf/kotak-keluar/", views.outbox, name="outbox"),
    # A section of the citizen's profile page (mpp.accounts.profile_sections).
    path("akun/profil/pesan/", views.message_preferences, name="message-preferences"),
    # Provider callbacks (signed): delivery reports and replies such as STOP.
    path("notifikasi/webhook/whatsapp/", webhooks.whatsapp, name="webhook-whatsapp"),
    path("notifikasi/webhook/sms/status/", webhooks.sms_status, name="webhook-sms-status"),
    path("notifikasi/webhook/sms/masuk/", webhooks.sms_inbound, name="webhook-sms-inbound"),
]
