"""Integration pages (namespace `partners`), mounted under /integraciones/ by network/urls.py."""

from django.urls import path

from partners import views

app_name = "partners"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.institution, name="institution"),
    path("<slug:slug>/claves/nueva/", views.key_create, name="key_create"),
    path("<slug:slug>/claves/<int:pk>/nueva/", views.key_created, name="key_created"),
    path("<slug:slug>/claves/<int:pk>/revocar/", views.key_revoke, name="key_revoke"),
    path("<slug:slug>/webhooks/nuevo/", views.webhook_create, name="webhook_create"),
    path("<slug:slug>/webhooks/<int:pk>/", views.webhook_detail, name="webhook_detail"),
    path("<slug:slug>/webhooks/<int:pk>/rotar/", views.webhook_rotate, name="webhook_rotate"),
    path("<slug:slug>/webhooks/<int:pk>/borrar/", views.webhook_delete, name="webhook_delete"),
    path(
        "<slug:slug>/webhooks/<int:pk>/entregas/<int:delivery_id>/reenviar/",
        views.delivery_redeliver,
        name="delivery_redeliver",
    ),
]
