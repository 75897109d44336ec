from django.urls import path

from wrench.core import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
]
