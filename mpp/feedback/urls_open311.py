"""Open311 GeoReport v2 under /open311/v2/ (formats by suffix: .xml and .json)."""

from django.urls import re_path

from mpp.feedback.views import open311

app_name = "open311"

urlpatterns = [
    re_path(r"^discovery\.(?P<fmt>xml|json)$", open311.discovery, name="discovery"),
    re_path(r"^services\.(?P<fmt>[a-z]+)$", open311.services, name="services"),
    re_path(
        r"^services/(?P<code>[\w\-]{1,140})\.(?P<fmt>[a-z]+)$",
        open311.service_definition,
        name="service",
    ),
    re_path(r"^requests\.(?P<fmt>[a-z]+)$", open311.requests, name="requests"),
    re_path(
        r"^requests/(?P<request_id>[\w\-]{1,40})\.(?P<fmt>[a-z]+)$",
        open311.request_detail,
        name="request",
    ),
    re_path(r"^tokens/(?P<token_id>[\w\-]{1,80})\.(?P<fmt>[a-z]+)$", open311.token, name="token"),
]
