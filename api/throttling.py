"""Rate limits: per API key (PARTNERS_API_RATE) and, for requests without a key (schema and
docs), per client address (PARTNERS_API_ANON_RATE). Rates are read on every request so they
can change without a restart (and in tests). Going over answers 429 with Retry-After."""

from typing import Any

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from api.permissions import request_key


class ApiKeyRateThrottle(SimpleRateThrottle):
    scope = "api_key"

    def get_rate(self) -> str:
        return settings.PARTNERS_API_RATE

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        key = request_key(request)
        if key is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": key.pk}


class AnonymousRateThrottle(SimpleRateThrottle):
    scope = "api_anonymous"

    def get_rate(self) -> str:
        return settings.PARTNERS_API_ANON_RATE

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if request_key(request) is not None or request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
