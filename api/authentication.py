"""API keys on the wire: `Authorization: Bearer <key>` (or `Authorization: Api-Key <key>`, or
an `Api-Key: <key>` header, for clients that cannot set Authorization)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from partners.models import ApiKey
from partners.services import ApiKeyRejected, api_key_authenticate

SCHEMES = ("bearer", "api-key")


class ApiKeyAuthentication(BaseAuthentication):
    """request.user is the key's issuer (services act as them); request.auth is the ApiKey,
    which is what every API queryset is scoped by."""

    def authenticate(self, request: Request) -> tuple[Any, ApiKey] | None:
        plaintext = self._credentials(request)
        if plaintext is None:
            return None
        try:
            api_key = api_key_authenticate(plaintext=plaintext)
        except ApiKeyRejected as error:
            raise AuthenticationFailed(str(error)) from error
        return api_key.created_by, api_key

    def _credentials(self, request: Request) -> str | None:
        try:
            header = get_authorization_header(request).decode("latin-1")
        except UnicodeDecodeError as error:  # pragma: no cover - latin-1 decodes any byte
            raise AuthenticationFailed(_("La cabecera Authorization no es válida.")) from error
        parts = header.split()
        if parts and parts[0].lower() in SCHEMES:
            if len(parts) != 2:
                raise AuthenticationFailed(
                    _("Envía la clave así: «Authorization: Bearer <clave>».")
                )
            return parts[1]
        alternative = request.META.get("HTTP_API_KEY", "").strip()
        return alternative or None

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = ApiKeyAuthentication
    name = ["ApiKeyBearer", "ApiKeyHeader"]

    def get_security_requirement(self, auto_schema: Any) -> list[dict[str, list]]:
        return [{"ApiKeyBearer": []}, {"ApiKeyHeader": []}]

    def get_security_definition(self, auto_schema: Any) -> list[dict[str, str]]:
        return [
            {
                "type": "http",
                "scheme": "bearer",
                "bearerFormat": "pnt_<prefijo>_<secreto>",
                "description": str(
                    _("Clave de API emitida en Puentes: «Authorization: Bearer pnt_…».")
                ),
            },
            {
                "type": "apiKey",
                "in": "header",
                "name": "Api-Key",
                "description": str(_("La misma clave en una cabecera «Api-Key».")),
            },
        ]
