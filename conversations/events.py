"""Domain events of the conversations app, sent by conversations.services inside the writing
transaction. They carry ids only; higher apps (notifications) hear them in receivers.py."""

from django.dispatch import Signal

# Someone posted in a thread (a text, an attachment or a proposed meeting).
# kwargs: message_id, thread_id, author_id
message_posted = Signal()

# One side reported abuse in a thread (staff may now read it). kwargs: report_id, thread_id
abuse_reported = Signal()
