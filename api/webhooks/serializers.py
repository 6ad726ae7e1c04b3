"""Shapes of webhook subscriptions and their deliveries in the partner API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from partners.models import WebhookDelivery, WebhookEvent, WebhookSubscription


class WebhookSubscriptionSerializer(serializers.ModelSerializer):
    events = serializers.ListField(child=serializers.ChoiceField(choices=WebhookEvent.choices))

    class Meta:
        model = WebhookSubscription
        fields = [
            "id",
            "url",
            "description",
            "events",
            "is_active",
            "consecutive_failures",
            "disabled_at",
            "previous_secret_expires_at",
            "created_at",
            "updated_at",
        ]


class WebhookSubscriptionWithSecretSerializer(WebhookSubscriptionSerializer):
    """Returned when the subscription is created and when its secret is rotated."""

    secret = serializers.CharField(help_text=_("Secreto para verificar las firmas. Guárdalo."))

    class Meta(WebhookSubscriptionSerializer.Meta):
        fields = [*WebhookSubscriptionSerializer.Meta.fields, "secret"]


class WebhookInputSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=500, help_text=_("HTTPS; nunca una dirección privada."))
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEvent.choices), allow_empty=False
    )
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    is_active = serializers.BooleanField(
        required=False,
        help_text=_(
            "Actívalo de nuevo tras una desactivación automática (reinicia los fallos).",
        ),
    )


class WebhookDeliverySerializer(serializers.ModelSerializer):
    payload = serializers.JSONField(help_text=_("El cuerpo JSON enviado (firmado)."))

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "event_id",
            "status",
            "attempts",
            "response_code",
            "duration_ms",
            "error",
            "payload",
            "redelivery_of",
            "created_at",
            "last_attempt_at",
            "next_attempt_at",
            "delivered_at",
        ]
