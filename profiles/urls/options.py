from django.urls import path

from profiles.views import options as views

urlpatterns = [path("opciones/<slug:kind>.json", views.options, name="options")]
