"""Graceful outages: with the database or Redis down, answer 503 with Retry-After, never a 500.

Pages get a translated maintenance page (rendered without the database: no user, no session);
paths under /api/ get the API's error shape. `OutageMiddleware` goes first in MIDDLEWARE:

* an outage raised by a view reaches `process_exception` and becomes the 503 at once (no
  traceback logged: an outage is not a bug);
* one raised by another middleware (loading the session, the user) is turned into a 500 by
  Django before it reaches us; `got_request_exception` (connected in NetworkConfig.ready)
  marks the request, and the middleware swaps that 500 for the 503.

Nothing needs restarting afterwards: Django checks its database connection before each request
(CONN_HEALTH_CHECKS) and the Redis clients open a new connection on the next call.

This module imports no app (the API's error shape is three keys, written here again).
"""

import logging
import sys
from collections.abc import Callable
from typing import Any

import kombu.exceptions
import redis.exceptions
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30

OUTAGE_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,  # PostgreSQL down or restarting
    InterfaceError,  # a connection that died under us
    redis.exceptions.ConnectionError,  # the cache (sessions of allauth, rate limits)
    redis.exceptions.TimeoutError,
    kombu.exceptions.OperationalError,  # the broker, when a task is sent outside a transaction
)

_FLAG = "_puentes_outage"


def is_outage(error: BaseException | None) -> bool:
    return isinstance(error, OUTAGE_ERRORS)


def outage_message() -> str:
    return _("Puentes está en mantenimiento. Vuelve a intentarlo en unos momentos.")


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 for this request: JSON in the API's shape under /api/, else the page."""
    with translation.override(translation.get_language_from_request(request)):
        message = outage_message()
        if request.path.startswith("/api/"):
            body = {"error": {"code": "service_unavailable", "message": message, "fields": {}}}
            response: HttpResponse = JsonResponse(body, status=503)
        else:
            html = render_to_string("503.html", {"message": message})
            response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def flag_outage(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """got_request_exception receiver: mark a request that failed because a service is down
    (called inside Django's `except` block, so sys.exc_info() is the error)."""
    if request is not None and is_outage(sys.exc_info()[1]):
        setattr(request, _FLAG, True)


class OutageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, _FLAG, False):
            return unavailable_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_outage(exception):
            return None
        logger.warning("Service unavailable on %s: %r", request.path, exception)
        return unavailable_response(request)
