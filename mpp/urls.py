from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language
from django_otp.admin import OTPAdminSite

from mpp.api import api

# Staff reach the admin only after the second factor (ASVS 6.3.3 at L2: MFA for officers).
admin.site.__class__ = OTPAdminSite
admin.site.site_header = _("MPP · Administration")
admin.site.site_title = "MPP"
admin.site.index_title = _("Public service mall administration")

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("", include("mpp.core.urls")),
    path("", include("mpp.operations.urls")),
    path("", include("mpp.audit.urls")),
    path("", include("mpp.catalog.urls")),
    path("", include("mpp.feedback.urls")),
    path("open311/v2/", include("mpp.feedback.urls_open311")),
    path("", include("mpp.queueing.urls")),
    path("", include("mpp.accounts.urls")),
    path("", include("mpp.applications.urls")),
    path("", include("mpp.facilities.urls")),
    path("", include("mpp.transparency.urls")),
    path("", include("mpp.notifications.urls")),
    path("", include("mpp.national.urls")),
]

handler404 = "mpp.core.views.not_found"
handler500 = "mpp.core.views.server_error"
handler403 = "mpp.core.views.forbidden"
handler400 = "mpp.core.views.bad_request"
