"""Django REST framework's settings for the Puentes API, read by `network/settings_apps.py`.

A plain table (no Django or DRF import), so settings can load it.
"""

from typing import Any


def settings(*, num_proxies: int) -> dict[str, Any]:
    return {
        # API keys for partner systems first (their 401 carries `WWW-Authenticate: Bearer`); the
        # session still works for DRF views used by the site itself.
        "DEFAULT_AUTHENTICATION_CLASSES": [
            "api.authentication.ApiKeyAuthentication",
            "rest_framework.authentication.SessionAuthentication",
        ],
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_PARSER_CLASSES": ["api.parsers.SafeJSONParser"],
        "DEFAULT_PAGINATION_CLASS": "api.pagination.PagePagination",
        "PAGE_SIZE": 25,
        "DEFAULT_FILTER_BACKENDS": [
            "django_filters.rest_framework.DjangoFilterBackend",
            "rest_framework.filters.OrderingFilter",
        ],
        # Rates come from PARTNERS_API_RATE / PARTNERS_API_ANON_RATE (read per request).
        # Clients are told apart by the address the trusted proxies saw (0: the socket's address).
        "NUM_PROXIES": num_proxies,
        "DEFAULT_THROTTLE_CLASSES": [
            "api.throttling.ApiKeyRateThrottle",
            "api.throttling.AnonymousRateThrottle",
        ],
        "DEFAULT_SCHEMA_CLASS": "api.schema.PuentesAutoSchema",
        "EXCEPTION_HANDLER": "api.exceptions.api_exception_handler",
    }
