"""Domain events of the profiles app. Sent by services; higher apps subscribe in receivers.py.

Every event passes ids, never instances, so receivers can enqueue tasks on commit.
"""

from django.dispatch import Signal

# An expert's matching-relevant data changed (profile fields, skills, languages, portfolio,
# pause switch, visibility). kwargs: profile_id
profile_changed = Signal()

# An account was deleted and its personal data erased. kwargs: user_id
account_deleted = Signal()

# Platform admins decided on an institution. kwargs: institution_id, by_id, reason
institution_verified = Signal()
institution_rejected = Signal()

# Someone was invited to join an institution. kwargs: invitation_id
membership_invited = Signal()
