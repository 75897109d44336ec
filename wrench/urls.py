from django.contrib import admin
from django.urls import include, path, re_path

from wrench.api import api, unknown_path

admin.site.site_header = "Wrench administration"
admin.site.site_title = "Wrench"

# Under /api/ every error is the API's JSON; a 500 is logged with an id the answer names.
handler400 = "wrench.core.failures.bad_request"
handler403 = "wrench.core.failures.permission_denied"
handler404 = "wrench.core.failures.page_not_found"
handler500 = "wrench.core.failures.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", unknown_path),
    path("accounts/", include("wrench.accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("reports/", include("wrench.reports.urls")),
    path("imports/", include("wrench.imports.urls")),
    path("", include("wrench.scheduling.urls")),
    path("", include("wrench.workorders.urls")),
    path("", include("wrench.pm.urls")),  # before assets: /assets/<code>/readings/ is pm's
    path("", include("wrench.assets.urls")),
    path("", include("wrench.planning.urls")),
    path("", include("wrench.notifications.urls")),
    path("", include("wrench.home.urls")),
    path("", include("wrench.core.urls")),
]
