from profiles.models.conflicts import ConflictOfInterest
from profiles.models.experts import (
    Education,
    ExpertLanguage,
    ExpertProfile,
    ExpertSkill,
    PortfolioItem,
)
from profiles.models.institutions import (
    AuditEntry,
    Institution,
    Membership,
    MembershipInvitation,
)
from profiles.models.reference import FieldOfScience, Skill, SkillProposal, State
from profiles.models.users import User, UserManager

__all__ = [
    "AuditEntry",
    "ConflictOfInterest",
    "Education",
    "ExpertLanguage",
    "ExpertProfile",
    "ExpertSkill",
    "FieldOfScience",
    "Institution",
    "Membership",
    "MembershipInvitation",
    "PortfolioItem",
    "Skill",
    "SkillProposal",
    "State",
    "User",
    "UserManager",
]
