from django.urls import path

from wrench.pm import views

urlpatterns = [
    path("assets/<str:code>/readings/", views.readings, name="pm-readings"),
    path("pm/", views.plans, name="pm-plans"),
    path("pm/<int:pk>/", views.plan, name="pm-plan"),
    path("pm/forecast/", views.forecast_page, name="pm-forecast"),
]
