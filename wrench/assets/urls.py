from django.urls import path

from wrench.assets import pages, views

urlpatterns = [
    path("assets/", pages.asset_search, name="asset-search"),
    path("assets/labels/", views.labels_page, name="asset-labels"),
    path("assets/labels.pdf", views.labels_pdf, name="asset-labels-pdf"),
    path("assets/labels/site/", views.start_site_sheet, name="asset-labels-site"),
    path("assets/labels/sheets/<int:pk>/", views.label_sheet, name="asset-label-sheet"),
    path("assets/labels/sheets/<int:pk>.pdf", views.label_sheet_pdf, name="asset-label-sheet-pdf"),
    path("assets/<str:code>/", pages.asset_page, name="asset"),
    path("assets/<str:code>/downtime/", pages.record_downtime, name="asset-downtime"),
    path(
        "assets/<str:code>/downtime/<int:pk>/",
        pages.correct_downtime,
        name="asset-downtime-correct",
    ),
    path(
        "assets/<str:code>/downtime/<int:pk>/remove/",
        pages.remove_downtime,
        name="asset-downtime-remove",
    ),
]
