"""Django admin for moderators: verify institutions, search profiles, curate the taxonomy.

Moderation decisions go through the same services as the site (audit log, domain events).
List pages join what they display (list_select_related / annotations) so their query count
does not grow with the number of rows. One module per feature; importing them registers them.
"""

from profiles.admin.experts import ExpertProfileAdmin
from profiles.admin.institutions import AuditEntryAdmin, InstitutionAdmin
from profiles.admin.proposals import SkillProposalAdmin
from profiles.admin.signin import SocialAccountAdmin
from profiles.admin.taxonomy import FieldOfScienceAdmin, SkillAdmin, StateAdmin
from profiles.admin.users import MembershipAdmin, MembershipInvitationAdmin, UserAdmin

__all__ = [
    "AuditEntryAdmin",
    "ExpertProfileAdmin",
    "FieldOfScienceAdmin",
    "InstitutionAdmin",
    "MembershipAdmin",
    "MembershipInvitationAdmin",
    "SkillAdmin",
    "SkillProposalAdmin",
    "SocialAccountAdmin",
    "StateAdmin",
    "UserAdmin",
]
