"""The site's URLs plus the integration pages, until network/urls.py includes them."""

from django.urls import include, path

from network.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("integraciones/", include("partners.urls")),
    *site_urlpatterns,
]
