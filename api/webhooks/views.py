"""Partner API: webhook subscriptions of the key's owner and their delivery log."""

from typing import Any

from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter
from django_filters.rest_framework import DjangoFilterBackend, FilterSet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from api.base import KeyScopedGenericViewSet
from api.etags import ETagRetrieveMixin
from api.pagination import PagePagination
from api.schema import request_example, response_example
from api.webhooks import examples
from api.webhooks.selectors import webhook_subscription_list_of_key
from api.webhooks.serializers import (
    WebhookDeliverySerializer,
    WebhookInputSerializer,
    WebhookSubscriptionSerializer,
    WebhookSubscriptionWithSecretSerializer,
)
from network.web import get_or_404
from partners import services
from partners.models import ApiScope, WebhookDelivery, WebhookEvent, WebhookSubscription
from partners.selectors import (
    webhook_delivery_get_of_subscription,
    webhook_delivery_list_of_subscription,
)
from partners.tasks import webhook_deliver


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
        examples=[response_example("Un webhook", examples.WEBHOOK_EXAMPLE)],
    ),
    retrieve=extend_schema(
        tags=["Webhooks"],
        summary=_("Un webhook"),
        description=WEBHOOK_DESCRIPTION,
        examples=[response_example("Un webhook", examples.WEBHOOK_EXAMPLE)],
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
        return webhook_subscription_list_of_key(key=self.key)

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
            request_example("Suscribir", examples.WEBHOOK_INPUT),
            response_example("Suscrito", examples.WEBHOOK_WITH_SECRET, status_codes=["201"]),
        ],
    )
    def create(self, request: Request) -> Response:
        serializer = WebhookInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        data.pop("is_active", None)
        subscription = services.webhook_subscription_create(by=self.issuer, **self._owner(), **data)
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
            request_example("Activar de nuevo", {"is_active": True}),
            response_example("El webhook", examples.WEBHOOK_EXAMPLE),
        ],
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        subscription = self.get_object()
        serializer = WebhookInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.webhook_subscription_update(
            subscription=subscription, by=self.issuer, **serializer.validated_data
        )
        return Response(WebhookSubscriptionSerializer(subscription).data)

    def destroy(self, request: Request, pk: str) -> Response:
        services.webhook_subscription_delete(subscription=self.get_object(), by=self.issuer)
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
        examples=[response_example("Secreto nuevo", examples.WEBHOOK_WITH_SECRET)],
    )
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request: Request, pk: str) -> Response:
        subscription = services.webhook_secret_rotate(
            subscription=self.get_object(), by=self.issuer
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
        examples=[response_example("Una entrega", examples.DELIVERY_EXAMPLE)],
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
            webhook_delivery_list_of_subscription(subscription=subscription)
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
            response_example(
                "Reenvío en cola",
                {
                    **examples.DELIVERY_EXAMPLE,
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
        delivery = get_or_404(
            webhook_delivery_get_of_subscription, subscription=subscription, pk=int(delivery_pk)
        )
        again = services.webhook_delivery_redeliver(delivery=delivery, by=self.issuer)
        webhook_deliver.delay(again.pk)
        return Response(WebhookDeliverySerializer(again).data, status=status.HTTP_202_ACCEPTED)
