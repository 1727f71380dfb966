from django.urls import path

from mpp.facilities import views

app_name = "facilities"

urlpatterns = [
    path("ruang/", views.rooms, name="rooms"),
    path("ruang/<slug:slug>/pesan/", views.book, name="book"),
    path("ruang/pesanan/", views.my_bookings, name="mine"),
    path("ruang/pesanan/<str:code>/", views.booking_detail, name="booking"),
    path("ruang/pesanan/<str:code>/batal/", views.cancel, name="cancel"),
    path("ruang/meja-depan/", views.desk, name="desk"),
    path("ruang/meja-depan/<str:code>/", views.desk, name="desk-code"),
    path("ruang/staf/", views.staff, name="staff"),
    path("umkm/", views.directory, name="directory"),
    path("umkm/daftar/", views.msme_register, name="msme-register"),
    path("umkm/saya/", views.msme_mine, name="msme-mine"),
    path("umkm/tinjau/<slug:slug>/", views.review, name="msme-review"),
    path("umkm/<slug:slug>/", views.msme_detail, name="msme"),
]
