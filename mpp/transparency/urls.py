from django.urls import path

from mpp.transparency import views

app_name = "transparency"

urlpatterns = [
    path("transparansi/", views.dashboard, name="dashboard"),
    path(
        "transparansi/laporan/<int:year>-<int:month>/",
        views.monthly_report,
        name="monthly-report",
    ),
    path("transparansi/data/ikm.<str:fmt>", views.published_ikm_data, name="open-data-ikm"),
    path(
        "transparansi/data/follow-up-plans.<str:fmt>",
        views.follow_up_data,
        name="open-data-follow-ups",
    ),
    path("transparansi/data/<slug:figure>.<str:fmt>", views.open_data, name="open-data"),
]
