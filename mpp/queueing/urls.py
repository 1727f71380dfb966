from django.urls import path

from mpp.queueing import views

app_name = "queueing"

urlpatterns = [
    # Citizens: kiosk, ticket and phone page, booking.
    path("antrian/", views.kiosk_agencies, name="kiosk"),
    path("antrian/kios/semua/", views.kiosk_all, name="kiosk-all"),
    path("antrian/kios/populer/<slug:key>/", views.kiosk_shortcut, name="kiosk-shortcut"),
    path("antrian/kios/<slug:agency>/", views.kiosk_services, name="kiosk-services"),
    path("antrian/ambil/", views.kiosk_issue, name="kiosk-issue"),
    path("antrian/check-in/", views.kiosk_checkin, name="kiosk-checkin"),
    path("antrian/tiket/<str:code>/", views.ticket_page, name="ticket"),
    path("antrian/tiket/<str:code>/cetak/", views.ticket_print, name="ticket-print"),
    path("antrian/tiket/<str:code>/status.json", views.ticket_state_json, name="ticket-state"),
    path("antrian/tiket/<str:code>/live/", views.ticket_live, name="ticket-live"),
    path("antrian/tiket/<str:code>/batal/", views.ticket_cancel, name="ticket-cancel"),
    path("antrian/tiket/<str:code>/ikuti/", views.ticket_follow, name="ticket-follow"),
    path("t/<str:code>", views.short_link, name="short"),
    path("antrian/pesan/", views.booking_services, name="book"),
    path("antrian/pesan/layanan/<slug:service>/", views.booking_slots, name="book-slots"),
    path("antrian/pesan/kode/<str:code>/", views.booking_page, name="booking"),
    path("antrian/pesan/kode/<str:code>/aksi/", views.booking_action, name="booking-action"),
    # The display board and its voice.
    path("antrian/papan/", views.board, name="board"),
    path("antrian/papan/state.json", views.board_state_json, name="board-state"),
    path("antrian/papan/live/", views.board_live, name="board-live"),
    path("antrian/suara/<slug:name>.wav", views.voice_segment, name="voice"),
    # Officers.
    path("antrian/loket/", views.console_counters, name="console-counters"),
    path("antrian/loket/<int:number>/", views.console, name="console"),
    path("antrian/loket/<int:number>/daftar/", views.console_fragment, name="console-fragment"),
    path("antrian/loket/<int:number>/aksi/", views.console_action, name="console-action"),
]
