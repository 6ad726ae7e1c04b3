"""Events of the notifications app, heard by its own receivers.

Services write outbox rows; they do not import the tasks that send them (tasks import the
services). They announce the rows instead, and notifications.receivers enqueues the send task,
which the task base holds until the surrounding transaction commits.
"""

from django.dispatch import Signal

# E-mail deliveries (outbox rows) were written or put back in the queue and must be sent.
# kwargs: delivery_ids (list[int])
emails_queued = Signal()
