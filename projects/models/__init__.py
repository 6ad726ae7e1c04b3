from projects.models.engagements import Engagement, EngagementFollowUp, Outcome
from projects.models.projects import Project, ProjectSkill, ProjectTransition
from projects.models.requests import CollaborationRequest, Interest, Invitation

__all__ = [
    "CollaborationRequest",
    "Engagement",
    "EngagementFollowUp",
    "Interest",
    "Invitation",
    "Outcome",
    "Project",
    "ProjectSkill",
    "ProjectTransition",
]
