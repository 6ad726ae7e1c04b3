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

# A profile left every audience: its owner hid it, staff suspended the account, or the account
# was deleted. Sent inside the service's transaction; kwargs: profile_id
profile_hidden = Signal()

# Platform staff suspended or reinstated an account. kwargs: user_id, by_id, reason
account_suspended = Signal()
account_reinstated = Signal()

# "Export my data" gathers a section from each app that holds something about the person.
# Higher apps connect a receiver that RETURNS {section_name: JSON-ready data} (it writes
# nothing and enqueues nothing). kwargs: user_id
personal_data_requested = Signal()
