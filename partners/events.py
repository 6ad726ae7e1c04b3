"""Domain events of the partners app. Sent by services; higher apps subscribe in receivers.py.

Every event passes ids, never instances, so receivers can enqueue tasks on commit.
"""

from django.dispatch import Signal

# A webhook subscription was switched off after too many failed deliveries in a row; its
# owners (the issuing institution's admins) must be told. kwargs: subscription_id
webhook_disabled = Signal()
