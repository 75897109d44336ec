from django.urls import path

from wrench.accounts import views

urlpatterns = [path("tokens/", views.tokens, name="api-tokens")]
