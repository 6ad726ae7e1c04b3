from django.urls import path

from profiles.views import account
from profiles.views import experts as views

urlpatterns = [
    path("cuenta/", account.account, name="account"),
    path("perfil/", views.me, name="me"),
    path("perfil/registro/<int:step>/", views.onboarding, name="onboarding"),
    path("perfil/editar/<slug:section>/", views.edit, name="edit"),
    path("perfil/vista-previa/", views.preview, name="preview"),
    path("expertos/<int:pk>/", views.expert_detail, name="expert_detail"),
    path("directorio/", views.directory, name="directory"),
    path("mis-datos/", views.my_data, name="my_data"),
    path("mis-datos/descargar/", views.my_data_export, name="my_data_export"),
    path("mis-datos/borrar-cuenta/", views.account_delete, name="account_delete"),
]
