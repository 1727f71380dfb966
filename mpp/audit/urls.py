from django.urls import path

from mpp.audit import views

app_name = "audit"

urlpatterns = [path("jejak-audit/", views.audit_status, name="status")]
