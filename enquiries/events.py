"""Domain events of the enquiries app, sent by enquiries.services inside their transaction.

Higher apps hear them in their receivers.py (notifications: e-mails and notices; partners: the
`enquiry.status_changed` webhook; the observatory: figures). Every event carries ids and short
strings, never instances.
"""

from django.dispatch import Signal

# An enquiry moved from one status to another (confirmation included: unconfirmed -> new).
# kwargs: enquiry_id, from_status, to_status, by_id (None when the requester or the system)
enquiry_status_changed = Signal()

# A broker was given an enquiry (first time or reassignment). kwargs: enquiry_id, broker_id, by_id
enquiry_assigned = Signal()

# An open enquiry passed its first-response deadline without a response. kwargs: enquiry_id
enquiry_sla_breached = Signal()

# A broker asked an expert whether they accept an introduction. kwargs: candidate_id, enquiry_id
introduction_requested = Signal()

# The expert accepted: both sides get each other's contacts. kwargs: candidate_id, enquiry_id
introduction_accepted = Signal()

# The expert declined (the requester is not told who). kwargs: candidate_id, enquiry_id
introduction_declined = Signal()

# N months after an introduction: ask both sides what came of it. kwargs: enquiry_id, months
follow_up_due = Signal()
