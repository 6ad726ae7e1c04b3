"""Reads for the integration pages (keys, webhooks, delivery log), scoped to an institution.

A `_get` selector raises the model's DoesNotExist when the row is out of scope (the views turn
that into a 404 with network.web.get_or_404)."""

from django.db.models import Count, Q, QuerySet

from partners.models import ApiKey, WebhookDelivery, WebhookSubscription
from profiles.models import Institution, User


def institution_list_administered(*, user: User) -> QuerySet[Institution]:
    return Institution.objects.administered_by(user).select_related("state").order_by("name")


def institution_get_administered(*, user: User, slug: str) -> Institution:
    """An institution `user` administers."""
    return institution_list_administered(user=user).get(slug=slug)


def api_key_list_of_institution(*, institution: Institution) -> QuerySet[ApiKey]:
    return (
        ApiKey.objects.of_institution(institution)
        .select_related("created_by", "revoked_by")
        .order_by("revoked_at", "-created_at", "-pk")
    )


def api_key_get_of_institution(*, institution: Institution, pk: int) -> ApiKey:
    return ApiKey.objects.get(institution=institution, pk=pk)


def webhook_subscription_list_of_institution(
    *, institution: Institution
) -> QuerySet[WebhookSubscription]:
    return (
        WebhookSubscription.objects.filter(institution=institution)
        .annotate(
            failed_deliveries=Count(
                "deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.FAILED)
            )
        )
        .order_by("-created_at", "-pk")
    )


def webhook_subscription_get_of_institution(
    *, institution: Institution, pk: int
) -> WebhookSubscription:
    return WebhookSubscription.objects.select_related("institution").get(
        institution=institution, pk=pk
    )


def webhook_delivery_list_of_subscription(
    *, subscription: WebhookSubscription
) -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(subscription=subscription).order_by("-created_at", "-pk")


def webhook_delivery_get_of_subscription(
    *, subscription: WebhookSubscription, pk: int
) -> WebhookDelivery:
    return WebhookDelivery.objects.select_related("subscription").get(
        subscription=subscription, pk=pk
    )
