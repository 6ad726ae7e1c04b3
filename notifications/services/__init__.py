"""Writes of the notifications app: notices, their outbox rows, digests, reminders,
preferences. Split by feature; import from here."""

from notifications.services.delivery import (
    DeliveryError,
    deliveries_resend,
    deliveries_sweep,
    delivery_claim,
    delivery_send,
)
from notifications.services.digests import digest_create, digest_period, digests_send
from notifications.services.notify import (
    delivery_create,
    email_only_create,
    notification_create,
    notifications_create,
)
from notifications.services.preferences import (
    Unsubscribed,
    preferences_update,
    unsubscribe,
)
from notifications.services.reading import notification_mark_read, notifications_mark_all_read
from notifications.services.reminders import follow_ups_send, invitations_remind_expiring

__all__ = [
    "DeliveryError",
    "Unsubscribed",
    "deliveries_resend",
    "deliveries_sweep",
    "delivery_claim",
    "delivery_create",
    "delivery_send",
    "digest_create",
    "digest_period",
    "digests_send",
    "email_only_create",
    "follow_ups_send",
    "invitations_remind_expiring",
    "notification_create",
    "notification_mark_read",
    "notifications_create",
    "notifications_mark_all_read",
    "preferences_update",
    "unsubscribe",
]
