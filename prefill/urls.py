from django.urls import URLPattern, URLResolver, path

from prefill import views

app_name = "prefill"

urlpatterns: list[URLPattern | URLResolver] = [
    path("perfil/importar/orcid/", views.orcid_import, name="orcid"),
    path("perfil/importar/cv/", views.cv_import, name="cv"),
    path("perfil/importar/<slug:source>/revisar/", views.review, name="review"),
    path("prellenar/necesidad/", views.need_skills, name="need_skills"),
]
