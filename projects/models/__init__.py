from projects.models.collaboration import (
    Engagement,
    EngagementFollowUp,
    Interest,
    Invitation,
    Outcome,
)
from projects.models.projects import Project, ProjectSkill, ProjectTransition

__all__ = [
    "Engagement",
    "EngagementFollowUp",
    "Interest",
    "Invitation",
    "Outcome",
    "Project",
    "ProjectSkill",
    "ProjectTransition",
]
