"""Reads for the integration pages (keys, webhooks, delivery log), scoped to an institution."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from partners.models import ApiKey, WebhookDelivery, WebhookSubscription
from profiles.models import Institution, User


def institutions_administered(*, user: User) -> QuerySet[Institution]:
    return Institution.objects.administered_by(user).select_related("state").order_by("name")


def institution_for_admin(*, user: User, slug: str) -> Institution:
    """An institution `user` administers (else 404)."""
    return get_object_or_404(institutions_administered(user=user), slug=slug)


def keys_of_institution(*, institution: Institution) -> QuerySet[ApiKey]:
    return (
        ApiKey.objects.of_institution(institution)
        .select_related("created_by", "revoked_by")
        .order_by("revoked_at", "-created_at", "-pk")
    )


def subscriptions_of_institution(*, institution: Institution) -> QuerySet[WebhookSubscription]:
    return (
        WebhookSubscription.objects.filter(institution=institution)
        .annotate(
            failed_deliveries=Count(
                "deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.FAILED)
            )
        )
        .order_by("-created_at", "-pk")
    )


def subscription_of_institution(*, institution: Institution, pk: int) -> WebhookSubscription:
    return get_object_or_404(
        WebhookSubscription.objects.select_related("institution"), institution=institution, pk=pk
    )


def deliveries_of_subscription(*, subscription: WebhookSubscription) -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(subscription=subscription).order_by("-created_at", "-pk")
