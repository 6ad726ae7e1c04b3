"""Partner API: the key itself, and webhook subscriptions with their delivery log."""

from typing import Any

from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter
from django_filters.rest_framework import DjangoFilterBackend, FilterSet
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from partners import services
from partners.api.base import KeyScopedAPIView, KeyScopedGenericViewSet
from partners.api.etags import ETagRetrieveMixin
from partners.api.pagination import PagePagination
from partners.api.serializers import (
    ApiKeyInfoSerializer,
    WebhookDeliverySerializer,
    WebhookInputSerializer,
    WebhookSubscriptionSerializer,
    WebhookSubscriptionWithSecretSerializer,
)
from partners.models import ApiScope, WebhookDelivery, WebhookEvent, WebhookSubscription

KEY_EXAMPLE = {
    "prefix": "pnt_3f9a1c2b",
    "name": "CRM de vinculación",
    "institution": {"id": 12, "slug": "universidad-michoacana", "name": "Universidad Michoacana"},
    "partner_name": "",
    "scopes": ["projects:read", "projects:write", "experts:read", "matches:read"],
    "sees_members_content": True,
    "expires_at": None,
    "last_used_at": "2026-06-01T16:02:00Z",
    "created_at": "2026-05-01T12:00:00Z",
}
WEBHOOK_EXAMPLE = {
    "id": 14,
    "url": "https://crm.example.org/puentes/webhooks",
    "description": "CRM de vinculación",
    "events": ["project.published", "invitation.accepted"],
    "is_active": True,
    "consecutive_failures": 0,
    "disabled_at": None,
    "previous_secret_expires_at": None,
    "created_at": "2026-05-01T12:05:00Z",
    "updated_at": "2026-05-01T12:05:00Z",
}
WEBHOOK_WITH_SECRET = {**WEBHOOK_EXAMPLE, "secret": "whsec_Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg"}
WEBHOOK_INPUT = {
    "url": "https://crm.example.org/puentes/webhooks",
    "events": ["project.published", "invitation.accepted"],
    "description": "CRM de vinculación",
}
DELIVERY_EXAMPLE = {
    "id": 5120,
    "event": "project.published",
    "event_id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
    "status": "delivered",
    "attempts": 1,
    "response_code": 200,
    "duration_ms": 184,
    "error": "",
    "payload": {
        "id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
        "type": "project.published",
        "created_at": "2026-06-01T16:00:00+00:00",
        "api_version": "v1",
        "data": {"project": {"id": 57, "title": "Co-dirección de tesis"}},
    },
    "redelivery_of": None,
    "created_at": "2026-06-01T16:00:01Z",
    "last_attempt_at": "2026-06-01T16:00:01Z",
    "next_attempt_at": None,
    "delivered_at": "2026-06-01T16:00:01Z",
}


def _response(name: str, value: Any, **kwargs: Any) -> OpenApiExample:
    return OpenApiExample(name, value=value, response_only=True, **kwargs)


class MeView(KeyScopedAPIView):
    @extend_schema(
        tags=["Clave"],
        summary=_("Esta clave"),
        description=_(
            "Para comprobar una clave: a quién pertenece, sus permisos, si ve el "
            "contenido de «solo miembros» y cuándo vence. Cualquier clave válida."
        ),
        responses={200: ApiKeyInfoSerializer},
        examples=[_response("Una clave de institución", KEY_EXAMPLE)],
    )
    def get(self, request: Request) -> Response:
        return Response(ApiKeyInfoSerializer(self.key).data)


class DeliveryFilter(FilterSet):
    # No Meta.model: the delivery log hangs off the subscriptions view (another model).
    status = ChoiceFilter(choices=WebhookDelivery.Status.choices)
    event = ChoiceFilter(choices=WebhookEvent.choices)


WEBHOOK_DESCRIPTION = _(
    "Webhooks de la institución de esta clave (o de la organización aliada). Cada entrega es "
    "un POST JSON firmado con HMAC-SHA256; ver «Webhooks» en la descripción general. Permiso "
    "`webhooks:manage`."
)


@extend_schema_view(
    list=extend_schema(
        tags=["Webhooks"],
        summary=_("Webhooks"),
        description=WEBHOOK_DESCRIPTION,
        examples=[_response("Un webhook", WEBHOOK_EXAMPLE)],
    ),
    retrieve=extend_schema(
        tags=["Webhooks"],
        summary=_("Un webhook"),
        description=WEBHOOK_DESCRIPTION,
        examples=[_response("Un webhook", WEBHOOK_EXAMPLE)],
    ),
    destroy=extend_schema(
        tags=["Webhooks"],
        summary=_("Borrar un webhook"),
        description=format_lazy(
            "{}{}", _("Borra el webhook y su registro de entregas. "), WEBHOOK_DESCRIPTION
        ),
    ),
)
class WebhookViewSet(
    ETagRetrieveMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    KeyScopedGenericViewSet,
):
    queryset = WebhookSubscription.objects.none()
    serializer_class = WebhookSubscriptionSerializer
    read_scope = ApiScope.WEBHOOKS_MANAGE
    write_scope = ApiScope.WEBHOOKS_MANAGE
    pagination_class = PagePagination
    filter_backends: list = []
    filterset_class = None  # the delivery log sets its own
    etag_on_retrieve = True

    def get_queryset(self) -> QuerySet[WebhookSubscription]:
        return WebhookSubscription.objects.owned_by_key(self.key).order_by("-created_at", "-pk")

    def _owner(self) -> dict[str, Any]:
        if self.key.institution_id:
            return {"institution": self.key.institution}
        return {"partner_key": self.key}

    @extend_schema(
        tags=["Webhooks"],
        summary=_("Suscribir una URL"),
        description=format_lazy(
            "{}{}",
            _(
                "Suscribe una URL HTTPS pública a eventos. La respuesta trae el `secret` "
                "con el que se firman las entregas: guárdalo. "
            ),
            WEBHOOK_DESCRIPTION,
        ),
        request=WebhookInputSerializer,
        responses={201: WebhookSubscriptionWithSecretSerializer},
        examples=[
            OpenApiExample("Suscribir", value=WEBHOOK_INPUT, request_only=True),
            _response("Suscrito", WEBHOOK_WITH_SECRET, status_codes=["201"]),
        ],
    )
    def create(self, request: Request) -> Response:
        serializer = WebhookInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        data.pop("is_active", None)
        subscription = services.webhook_subscription_create(
            by=request.user, **self._owner(), **data
        )
        return Response(
            WebhookSubscriptionWithSecretSerializer(subscription).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        tags=["Webhooks"],
        summary=_("Cambiar un webhook"),
        description=format_lazy(
            "{}{}",
            _(
                "Cambia la URL, los eventos, la descripción o lo activa de nuevo tras una "
                "desactivación automática. "
            ),
            WEBHOOK_DESCRIPTION,
        ),
        request=WebhookInputSerializer(partial=True),
        responses={200: WebhookSubscriptionSerializer},
        examples=[
            OpenApiExample("Activar de nuevo", value={"is_active": True}, request_only=True),
            _response("El webhook", WEBHOOK_EXAMPLE),
        ],
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        subscription = self.get_object()
        serializer = WebhookInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.webhook_subscription_update(
            subscription=subscription, by=request.user, **serializer.validated_data
        )
        return Response(WebhookSubscriptionSerializer(subscription).data)

    def destroy(self, request: Request, pk: str) -> Response:
        services.webhook_subscription_delete(subscription=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        tags=["Webhooks"],
        summary=_("Rotar el secreto"),
        description=_(
            "Genera un secreto nuevo. Durante un periodo de gracia (24 horas por "
            "omisión, hasta `previous_secret_expires_at`) cada entrega lleva dos firmas, con el "
            "secreto nuevo y con el anterior, para cambiar el receptor sin perder entregas."
        ),
        request=None,
        responses={200: WebhookSubscriptionWithSecretSerializer},
        examples=[_response("Secreto nuevo", WEBHOOK_WITH_SECRET)],
    )
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request: Request, pk: str) -> Response:
        subscription = services.webhook_secret_rotate(
            subscription=self.get_object(), by=request.user
        )
        return Response(WebhookSubscriptionWithSecretSerializer(subscription).data)

    @extend_schema(
        tags=["Webhooks"],
        summary=_("Registro de entregas"),
        description=_(
            "Las entregas del webhook, de la más reciente a la más antigua: estado, "
            "intentos, código de respuesta, duración y el cuerpo enviado."
        ),
        responses={200: WebhookDeliverySerializer(many=True)},
        examples=[_response("Una entrega", DELIVERY_EXAMPLE)],
    )
    @action(
        detail=True,
        methods=["get"],
        filter_backends=[DjangoFilterBackend],
        filterset_class=DeliveryFilter,
    )
    def deliveries(self, request: Request, pk: str) -> Response:
        # Not get_object(): this action's filters are for deliveries, not subscriptions.
        subscription = get_object_or_404(self.get_queryset(), pk=pk)
        deliveries = self.filter_queryset(
            WebhookDelivery.objects.filter(subscription=subscription).order_by("-created_at", "-pk")
        )
        page = self.paginate_queryset(deliveries)
        return self.get_paginated_response(WebhookDeliverySerializer(page, many=True).data)

    @extend_schema(
        tags=["Webhooks"],
        summary=_("Reenviar una entrega"),
        description=_(
            "Vuelve a enviar el mismo evento (mismo `event_id`, intentos nuevos). El "
            "webhook debe estar activo."
        ),
        request=None,
        responses={202: WebhookDeliverySerializer},
        filters=False,
        examples=[
            _response(
                "Reenvío en cola",
                {
                    **DELIVERY_EXAMPLE,
                    "id": 5121,
                    "status": "pending",
                    "attempts": 0,
                    "response_code": None,
                    "duration_ms": None,
                    "redelivery_of": 5120,
                    "last_attempt_at": None,
                    "delivered_at": None,
                },
                status_codes=["202"],
            )
        ],
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"deliveries/(?P<delivery_pk>[0-9]+)/redeliver",
        filter_backends=[],
    )
    def redeliver(self, request: Request, pk: str, delivery_pk: str) -> Response:
        subscription = self.get_object()
        delivery = get_object_or_404(
            WebhookDelivery.objects.select_related("subscription"),
            pk=delivery_pk,
            subscription=subscription,
        )
        again = services.webhook_delivery_redeliver(delivery=delivery, by=request.user)
        return Response(WebhookDeliverySerializer(again).data, status=status.HTTP_202_ACCEPTED)
