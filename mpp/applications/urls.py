from django.urls import path

from mpp.applications import staff_views, views

app_name = "applications"

urlpatterns = [
    path("permohonan/", views.mine, name="mine"),
    path("permohonan/baru/<slug:slug>/", views.start, name="start"),
    path("permohonan/<uuid:public_id>/", views.detail, name="detail"),
    path("permohonan/<uuid:public_id>/isi/", views.edit, name="edit"),
    path("permohonan/<uuid:public_id>/periksa/", views.review, name="review"),
    path("permohonan/<uuid:public_id>/terkirim/", views.submitted, name="submitted"),
    path("permohonan/<uuid:public_id>/tarik/", views.withdraw, name="withdraw"),
    path(
        "permohonan/<uuid:public_id>/dokumen/<uuid:document_id>/",
        views.document,
        name="document",
    ),
    path("lacak/", views.track, name="track"),
    path("petugas/permohonan/", staff_views.inbox, name="inbox"),
    path("petugas/permohonan/aksi/", staff_views.bulk, name="bulk"),
    path("petugas/permohonan/<uuid:public_id>/", staff_views.case, name="case"),
    path(
        "petugas/permohonan/<uuid:public_id>/status/",
        staff_views.transition,
        name="transition",
    ),
    path("petugas/permohonan/<uuid:public_id>/tugaskan/", staff_views.assign, name="assign"),
    path("petugas/permohonan/<uuid:public_id>/nik/", staff_views.reveal_nik, name="reveal-nik"),
]
