from django.urls import path

from wrench.notifications import views

urlpatterns = [
    path("inbox/", views.inbox_page, name="inbox"),
    path("inbox/bell/", views.bell, name="inbox-bell"),
    path("inbox/<int:pk>/read/", views.read, name="inbox-read"),
    path("inbox/read-all/", views.read_all, name="inbox-read-all"),
    path("inbox/preference/", views.preference, name="inbox-preference"),
]
