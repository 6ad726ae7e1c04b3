"""Rate limits: per API key (PARTNERS_API_RATE) and, for requests without a key (schema and
docs), per client address (PARTNERS_API_ANON_RATE). Rates are read on every request so they
can change without a restart (and in tests). Going over answers 429 with Retry-After.

The client address is the socket's unless TRUSTED_PROXY_COUNT proxies stand in front: then it
is the address the outermost trusted proxy appended to X-Forwarded-For. Anything a client
writes into that header itself is ignored, so rotating it does not get a fresh allowance."""

import ipaddress
import logging
from typing import Any

import redis.exceptions
from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from api.permissions import request_key

logger = logging.getLogger(__name__)


class FailOpenThrottle(SimpleRateThrottle):
    """Throttling fails OPEN: with the cache (Redis) unreachable, requests go through
    unthrottled and a warning is logged. Deliberate: the limits shield the database from a
    runaway client, and the database is still up; failing closed would turn a cache outage
    into a whole-API outage for every partner. The web server's own limits (proxy, gunicorn
    workers) still bound the load meanwhile."""

    def allow_request(self, request: Request, view: Any) -> bool:
        try:
            return super().allow_request(request, view)
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as error:
            logger.warning("Throttling skipped, the cache is unreachable: %r", error)
            return True


class ApiKeyRateThrottle(FailOpenThrottle):
    scope = "api_key"

    def get_rate(self) -> str:
        return settings.PARTNERS_API_RATE

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        key = request_key(request)
        if key is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": key.pk}


def client_address(request: Request) -> str:
    """The address of the client behind `settings.TRUSTED_PROXY_COUNT` trusted proxies."""
    remote = str(request.META.get("REMOTE_ADDR") or "")
    trusted = int(settings.TRUSTED_PROXY_COUNT)
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if trusted <= 0 or len(hops) < trusted:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-trusted]))
    except ValueError:
        return remote


class AnonymousRateThrottle(FailOpenThrottle):
    scope = "api_anonymous"

    def get_rate(self) -> str:
        return settings.PARTNERS_API_ANON_RATE

    def get_ident(self, request: Request) -> str:
        return client_address(request)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if request_key(request) is not None or request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
