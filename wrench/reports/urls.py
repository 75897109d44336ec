from django.urls import path

from wrench.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("work-orders/<str:number>/packet.pdf", views.work_order_packet, name="packet"),
    path("<slug:slug>/", views.report_page, name="report"),
    path("<slug:slug>.<str:fmt>", views.report_export, name="export"),
]
