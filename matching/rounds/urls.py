from django.urls import path

from matching.rounds import views

app_name = "rounds"
urlpatterns = [
    path("rondas/", views.round_list, name="list"),
    path("rondas/<int:pk>/", views.round_detail, name="detail"),
    path("rondas/<int:pk>/progreso/", views.round_status, name="status"),
    path("rondas/<int:pk>/fijar/<int:candidate>/", views.round_pin, name="pin"),
    path("rondas/<int:pk>/necesidad/<int:project>/", views.round_wanted, name="wanted"),
    path("rondas/<int:pk>/resolver/", views.round_solve, name="solve"),
    path("rondas/<int:pk>/publicar/", views.round_publish, name="publish"),
    path("rondas/<int:pk>/csv/", views.round_csv, name="csv"),
    path("proyectos/<int:pk>/siguientes/", views.project_next, name="project_next"),
]
