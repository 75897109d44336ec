from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Wrench administration"
admin.site.site_title = "Wrench"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("reports/", include("wrench.reports.urls")),
    path("", include("wrench.core.urls")),
]
