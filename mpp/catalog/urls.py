from django.urls import path

from mpp.catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.home, name="home"),
    path("cari/", views.search, name="search"),
    path("instansi/", views.agency_list, name="agency-list"),
    path("instansi/<slug:slug>/", views.agency_detail, name="agency-detail"),
    path("layanan/<slug:slug>/", views.service_detail, name="service-detail"),
]
