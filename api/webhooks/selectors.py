"""What an API key may read of webhooks (its delivery log comes from partners.selectors)."""

from django.db.models import QuerySet

from partners.models import ApiKey, WebhookSubscription


def webhook_subscription_list_of_key(*, key: ApiKey) -> QuerySet[WebhookSubscription]:
    """The subscriptions of the key's institution, or of the partner organisation's key."""
    return WebhookSubscription.objects.owned_by_key(key).order_by("-created_at", "-pk")
