from django.urls import path

from wrench.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.run_page, name="run"),
    path("<int:pk>/report", views.progress, name="progress"),
    path("<int:pk>/confirm", views.confirm, name="confirm"),
]
