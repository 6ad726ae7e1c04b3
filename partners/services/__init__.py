"""Writes of the partners app: API keys, webhook subscriptions and deliveries."""

from partners.services.deliveries import (
    backoff_seconds,
    can_manage_subscription,
    webhook_deliveries_sweep,
    webhook_delivery_attempt,
    webhook_delivery_redeliver,
    webhook_event_dispatch,
)
from partners.services.keys import (
    ApiKeyRejected,
    IssuedKey,
    api_key_authenticate,
    api_key_issue,
    api_key_revoke,
    can_manage_key,
)
from partners.services.subscriptions import (
    can_manage_subscriptions,
    webhook_secret_rotate,
    webhook_subscription_create,
    webhook_subscription_delete,
    webhook_subscription_update,
)

__all__ = [
    "ApiKeyRejected",
    "IssuedKey",
    "api_key_authenticate",
    "api_key_issue",
    "api_key_revoke",
    "backoff_seconds",
    "can_manage_key",
    "can_manage_subscription",
    "can_manage_subscriptions",
    "webhook_deliveries_sweep",
    "webhook_delivery_attempt",
    "webhook_delivery_redeliver",
    "webhook_event_dispatch",
    "webhook_secret_rotate",
    "webhook_subscription_create",
    "webhook_subscription_delete",
    "webhook_subscription_update",
]
