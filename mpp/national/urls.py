from django.urls import path

from mpp.national import views

app_name = "national"

urlpatterns = [
    path("nasional/", views.portal, name="portal"),
    path("nasional/cari/", views.search, name="search"),
    path("nasional/perbandingan/", views.compare, name="compare"),
    path(
        "nasional/perbandingan.<str:fmt>",
        views.compare_data,
        name="compare-data",
    ),
]
