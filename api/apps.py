from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API (no models): plumbing plus one package per domain, routed by api/urls.py."""

    name = "api"
    label = "api"
    verbose_name = "API"
