from django.urls import path

from wrench.home import views

urlpatterns = [
    path("", views.home, name="home"),
]
