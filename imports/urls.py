from django.urls import URLPattern, URLResolver, path

from imports import views

app_name = "imports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("importar/", views.job_list, name="list"),
    path("importar/<int:pk>/", views.job_detail, name="detail"),
    path("importar/<int:pk>/columnas/", views.job_mapping, name="mapping"),
    path("importar/<int:pk>/progreso/", views.job_progress, name="progress"),
    path("importar/<int:pk>/importar/", views.job_start, name="start"),
    path("importar/<int:pk>/reintentar/", views.job_retry, name="retry"),
    path("importar/<int:pk>/personas/", views.job_accounts, name="accounts"),
    path(
        "importar/<int:pk>/personas/<int:account_pk>/reenviar/",
        views.account_resend,
        name="resend",
    ),
    path("importar/<int:pk>/rechazadas.csv", views.job_rejected_csv, name="rejected_csv"),
    path("reclamar-perfil/<str:token>/", views.claim, name="claim"),
]
