"""The OpenAPI schema: every operation documents the API's error shape for the errors it can
answer (so generated clients and contract tests know them), and 304 where ETags apply."""

from typing import Any, Literal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiExample
from rest_framework import serializers

from api.etags import IF_NONE_MATCH


def response_example(name: str, value: object, **kwargs: Any) -> OpenApiExample:
    """An example of what an operation answers (for `extend_schema(examples=[...])`)."""
    return OpenApiExample(name, value=value, response_only=True, **kwargs)


def request_example(name: str, value: object) -> OpenApiExample:
    """An example of what a client sends."""
    return OpenApiExample(name, value=value, request_only=True)


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Código estable para programas, p. ej. «invalid»."))
    message = serializers.CharField(help_text=_("Mensaje para personas, en el idioma pedido."))
    # An API field named `fields` (DRF takes declared fields off the class, so the
    # serializer's own `fields` property still works; mypy cannot know that).
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("Errores por campo (rutas con punto para datos anidados); vacío si no aplica."),
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


ERROR_DESCRIPTIONS = {
    "400": _("Datos no válidos (ver `error.fields`) o una regla del negocio lo impide."),
    "401": _("Falta la clave de API, no es válida, venció o fue revocada."),
    "403": _("La clave no tiene el permiso (scope) que pide esta operación."),
    "404": _("No existe o esta clave no puede verlo."),
    "406": _("No se puede responder en el formato pedido (Accept)."),
    "413": _("El cuerpo de la petición pasa del tamaño máximo aceptado."),
    "415": _("El cuerpo debe ser JSON."),
    "429": _("Demasiadas solicitudes: espera los segundos que indica Retry-After."),
}


class PuentesAutoSchema(AutoSchema):
    def _error_codes(self) -> list[str]:
        codes = ["400", "401", "403", "404", "406", "429"]
        if self.method in ("POST", "PUT", "PATCH"):
            codes += ["413", "415"]
        return codes

    def _get_response_bodies(
        self, direction: Literal["request", "response"] = "response"
    ) -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code in responses:
                continue
            response = self._get_response_for_code(ErrorSerializer, code, direction=direction)
            response["description"] = str(ERROR_DESCRIPTIONS[code])
            if code == "429":
                response["headers"] = {
                    "Retry-After": {
                        "schema": {"type": "integer"},
                        "description": str(_("Segundos que hay que esperar.")),
                    }
                }
            responses[code] = response
        if getattr(self.view, "etag_on_retrieve", False) and self._is_retrieve():
            responses["304"] = {"description": str(_("Sin cambios desde el ETag enviado."))}
        return responses

    def get_override_parameters(self) -> list[Any]:
        parameters = list(super().get_override_parameters())
        if getattr(self.view, "etag_on_retrieve", False) and self._is_retrieve():
            parameters.append(IF_NONE_MATCH)
        return parameters

    def _is_retrieve(self) -> bool:
        return self.method == "GET" and getattr(self.view, "action", None) == "retrieve"


API_DESCRIPTION = _("""
API de Puentes para sistemas aliados (CRM universitarios, consejos estatales de ciencia,
registros nacionales): leer necesidades publicadas y perfiles públicos de la diáspora,
publicar necesidades de la propia institución y recibir eventos por webhooks firmados.

## Autenticación
Cada solicitud lleva una **clave de API** emitida en Puentes por un administrador de la
institución (o por el equipo de la plataforma para una organización aliada):

    Authorization: Bearer pnt_3f9a1c2b_…

(también se acepta la cabecera `Api-Key: pnt_…`). La clave se muestra una sola vez; Puentes
guarda solo su huella. Una clave revocada, vencida, o cuyo emisor ya no administra la
institución, recibe **401**.

| Permiso (scope) | Qué permite |
| --- | --- |
| `projects:read` | proyectos publicados; proyectos, invitaciones y colaboraciones propios |
| `projects:write` | crear y editar borradores, enviarlos a revisión, invitar, resultados |
| `experts:read` | perfiles de personas expertas (nunca sus datos de contacto) |
| `matches:read` | personas expertas sugeridas para los proyectos propios |
| `webhooks:manage` | webhooks y su registro de entregas |

Los datos de referencia (estados, campos, habilidades, tipos de colaboración) y las
instituciones verificadas se leen con cualquier clave válida. Las claves de una institución
**verificada** ven además lo que ven los miembros de la red (perfiles y proyectos de «solo
miembros»); las demás, lo que ve el público. Lo que una clave no puede ver responde **404**.

## Errores
Todos los errores tienen la misma forma:

    {"error": {"code": "invalid", "message": "…", "fields": {"title": ["…"]}}}

`code` es estable (por ejemplo `not_authenticated`, `insufficient_scope`, `not_found`,
`throttled`, o el de la regla del negocio: `invitation_pending`, `not_editable`…), `message`
viene en el idioma pedido (`Accept-Language: es` o `en`) y `fields` lista los errores por
campo.

## Listas, ETags y límites
Las listas grandes (proyectos publicados, personas expertas) se paginan por **cursor**
(`next` / `previous`); las demás por número de página (`page`, `page_size` ≤ 100). Los
detalles responden con `ETag`: envía `If-None-Match` y recibirás **304** si nada cambió.
Cada clave tiene un límite de solicitudes por minuto; al pasarlo la respuesta es **429** con
`Retry-After` (segundos).

## Webhooks
Eventos: `project.published`, `project.closed`, `match.created`, `invitation.accepted`,
`engagement.outcome_recorded`. Cada entrega es un `POST` JSON con estas cabeceras:

| Cabecera | Contenido |
| --- | --- |
| `Puentes-Event` | el tipo de evento |
| `Puentes-Event-Id` | id del evento: el mismo en reintentos y reenvíos (deduplica con él) |
| `Puentes-Delivery` | id de la entrega |
| `Puentes-Timestamp` | segundos Unix del envío |
| `Puentes-Signature` | `v1=<hex>`; tras rotar el secreto, dos valores separados por comas |

**Cómo verificar la firma:** calcula HMAC-SHA256 con el secreto del webhook sobre
`<Puentes-Timestamp>.<cuerpo crudo>` y compáralo (en tiempo constante) con cada valor `v1=`;
rechaza marcas de tiempo a más de 5 minutos de tu reloj. En Python:

    import hashlib, hmac, time

    def verify(secret: str, headers, body: bytes) -> bool:
        timestamp = headers["Puentes-Timestamp"]
        if abs(time.time() - int(timestamp)) > 300:
            return False
        expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body,
                            hashlib.sha256).hexdigest()
        return any(hmac.compare_digest(part.strip().removeprefix("v1="), expected)
                   for part in headers["Puentes-Signature"].split(",")
                   if part.strip().startswith("v1="))

Responde 2xx en pocos segundos. Si falla, Puentes reintenta con espera exponencial; tras
varios fallos seguidos desactiva el webhook y avisa por correo a sus administradores (se
reactiva en el sitio o con `PATCH {"is_active": true}`). Cada entrega queda en el registro,
desde donde se puede reenviar. Las URLs deben ser HTTPS públicas: nunca direcciones privadas,
de loopback ni link-local.
""")

TAG_DESCRIPTIONS = [
    {"name": "Clave", "description": _("Comprobar la clave de API.")},
    {"name": "Proyectos publicados", "description": _("Necesidades de colaboración publicadas.")},
    {"name": "Personas expertas", "description": _("Perfiles de la diáspora (sin contacto).")},
    {"name": "Instituciones", "description": _("Instituciones verificadas de la región.")},
    {"name": "Datos de referencia", "description": _("Vocabularios para filtrar y escribir.")},
    {
        "name": "Mi institución",
        "description": _(
            "Proyectos, sugerencias, invitaciones, "
            "colaboraciones y resultados de la institución de la clave."
        ),
    },
    {"name": "Webhooks", "description": _("Suscripciones a eventos y su registro de entregas.")},
]


def describe_api(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict:
    """drf-spectacular postprocessing hook: the long description and the tags' order."""
    result["info"]["description"] = str(API_DESCRIPTION).strip()
    result["tags"] = [{**tag, "description": str(tag["description"])} for tag in TAG_DESCRIPTIONS]
    return result
