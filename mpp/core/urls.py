from django.urls import path

from mpp.core import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
]
