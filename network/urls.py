from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from network import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", views.home, name="home"),
    path("privacidad/", views.privacy, name="privacy"),
    path("accounts/", include("allauth.urls")),
    path("", include("profiles.urls")),
    path("", include("matching.urls")),
    path("proyectos/", include("projects.urls")),
    path("notificaciones/", include("notifications.urls")),
    path("integraciones/", include("partners.urls")),
    path("", include("chapters.urls")),
    path("", include("enquiries.urls")),
    path("", include("observatory.urls")),
    path("", include("conversations.urls")),
    path("", include("imports.urls")),
    path("", include("prefill.urls")),
    path("api/v1/", include("api.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
