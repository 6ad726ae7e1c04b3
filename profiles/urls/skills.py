from django.urls import path

from profiles.views import skills as views

urlpatterns = [path("habilidades/proponer/", views.skill_propose, name="skill_propose")]
