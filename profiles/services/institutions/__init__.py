"""Institutions and their members: registration, verification by platform staff, invitations.

Every rule lives here; views, the Django admin and demo data all call these functions. Each
decision is written to the audit log (profiles.services.audit) and the ones other apps care
about are sent as domain events (profiles.events).
"""

from profiles.services.institutions.invitations import (
    INVITATION_VALID_DAYS,
    invitation_expires_at,
    invitation_is_expired,
    mask_email,
    membership_invitation_accept,
    membership_invitation_check,
    membership_invitation_revoke,
    membership_invite,
)
from profiles.services.institutions.memberships import membership_change_role, membership_remove
from profiles.services.institutions.permissions import is_institution_admin
from profiles.services.institutions.registration import (
    RESERVED_SLUGS,
    institution_register,
    institution_reject,
    institution_update,
    institution_verify,
)

__all__ = [
    "INVITATION_VALID_DAYS",
    "RESERVED_SLUGS",
    "institution_register",
    "institution_reject",
    "institution_update",
    "institution_verify",
    "invitation_expires_at",
    "invitation_is_expired",
    "is_institution_admin",
    "mask_email",
    "membership_change_role",
    "membership_invitation_accept",
    "membership_invitation_check",
    "membership_invitation_revoke",
    "membership_invite",
    "membership_remove",
]
