"""One shape for every API error:

    {"error": {"code": "invalid", "message": "…", "fields": {"title": ["…"]}}}

`code` is machine-readable (a service's own code when it gave one, e.g. "invitation_pending"),
`message` is translated for people, `fields` maps each invalid input (dotted paths for nested
ones, e.g. "languages.0") to its messages and is empty for other errors. Services'
ValidationError and PermissionDenied become 400 and 403; a body over DATA_UPLOAD_MAX_MEMORY_SIZE
is a 413 and Django's other refusals of a request (SuspiciousOperation: too many query fields…)
a 400, as Django answers them outside the API; nothing becomes a bare 500.
"""

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

logger = logging.getLogger("api")

NON_FIELD_KEYS = {api_settings.NON_FIELD_ERRORS_KEY, "__all__", "non_field_errors"}


class RequestTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "request_too_large"


class BadRequestError(exceptions.APIException):
    status_code = 400
    default_detail = _("La petición no es válida.")
    default_code = "bad_request"


def _from_refusal(exc: SuspiciousOperation | BadRequest) -> exceptions.APIException:
    """Django's refusal of a request as the API's 413 or 400 (logged as Django logs it)."""
    if isinstance(exc, SuspiciousOperation):
        logging.getLogger(f"django.security.{exc.__class__.__name__}").error(str(exc))
    if isinstance(exc, RequestDataTooBig):
        return RequestTooLarge(
            _("El cuerpo de la petición pasa del máximo de %(max)s bytes.")
            % {"max": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
        )
    return BadRequestError()


def error_body(
    code: str, message: str | Promise, fields: dict[str, list[str]] | None = None
) -> dict:
    return {"error": {"code": code, "message": str(message), "fields": fields or {}}}


def _from_django(
    error: DjangoValidationError, field_map: dict[str, str]
) -> exceptions.ValidationError:
    """A service's ValidationError as DRF's, keeping messages, codes and field names (renamed
    to the API's names when they differ)."""
    if hasattr(error, "error_dict"):
        detail: Any = {
            field_map.get(name, name): [
                exceptions.ErrorDetail(message, code=e.code or "invalid")
                for e in errors
                for message in e.messages
            ]
            for name, errors in error.error_dict.items()
        }
    else:
        detail = [
            exceptions.ErrorDetail(message, code=e.code or "invalid")
            for e in error.error_list
            for message in e.messages
        ]
    return exceptions.ValidationError(detail)


def _flatten(prefix: str, value: Any, into: dict[str, list[str]]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), inner, into)
    elif isinstance(value, list) and any(isinstance(v, dict | list) for v in value):
        for index, inner in enumerate(value):
            if inner:
                _flatten(f"{prefix}.{index}" if prefix else str(index), inner, into)
    elif isinstance(value, list):
        into.setdefault(prefix, []).extend(str(v) for v in value)
    else:
        into.setdefault(prefix, []).append(str(value))


def _first_code(codes: Any) -> str | None:
    if isinstance(codes, str):
        return codes
    if isinstance(codes, list):
        for code in codes:
            found = _first_code(code)
            if found:
                return found
    if isinstance(codes, dict):
        for key in NON_FIELD_KEYS:
            if key in codes:
                return _first_code(codes[key])
    return None


def _validation_body(exc: exceptions.ValidationError) -> dict:
    fields: dict[str, list[str]] = {}
    _flatten("", exc.detail if isinstance(exc.detail, dict) else {"": exc.detail}, fields)
    general: list[str] = []
    for key in [*NON_FIELD_KEYS, ""]:
        general.extend(fields.pop(key, []))
    codes = exc.get_codes()
    if general:
        return error_body(_first_code(codes) or "invalid", general[0], fields)
    return error_body("invalid", _("Revisa los datos enviados: hay campos con errores."), fields)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    view = context.get("view")
    if isinstance(exc, DjangoValidationError):
        exc = _from_django(exc, getattr(view, "service_field_map", {}))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, SuspiciousOperation | BadRequest):
        exc = _from_refusal(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        # A bug: log it with its traceback and still answer in the API's shape.
        logger.exception("Unhandled API error", exc_info=exc)
        set_rollback()
        return Response(
            error_body("server_error", _("Algo falló de nuestro lado. Ya quedó registrado.")),
            status=500,
        )
    if isinstance(exc, exceptions.ValidationError):
        response.data = _validation_body(exc)
    else:
        detail = getattr(exc, "detail", "")
        code = _first_code(exc.get_codes()) if isinstance(exc, exceptions.APIException) else None
        response.data = error_body(code or "error", str(detail))
    return response


@csrf_exempt  # an API path: no session, so no CSRF (and a POST must get this 404, not a 403)
def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Unknown paths under /api/v1/ answer in the API's shape too (not the site's HTML 404)."""
    return JsonResponse(error_body("not_found", _("No existe ese recurso en la API.")), status=404)
