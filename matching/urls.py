from django.urls import include, path

from matching import views

app_name = "matching"
urlpatterns = [
    path("", include("matching.rounds.urls")),
    path("sugerencias/", views.my_suggestions, name="my_suggestions"),
    path("sugerencias/<int:pk>/descartar/", views.dismiss, name="dismiss"),
    path("sugerencias/calculos/<int:pk>/", views.run_status, name="run_status"),
    path("proyectos/<int:pk>/sugerencias/", views.project_suggestions, name="project_suggestions"),
    path(
        "proyectos/<int:pk>/sugerencias/recalcular/",
        views.project_recompute,
        name="project_recompute",
    ),
]
