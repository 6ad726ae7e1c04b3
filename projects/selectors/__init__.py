"""Reads for the projects screens. Each returns everything its template shows, fetched in a
fixed number of queries (templates never query), and decides what the viewer may see —
in particular contact details, which are attached only to engagements the viewer takes part in
(an engagement exists only after one side accepted the other)."""

from projects.selectors.contacts import ContactCard
from projects.selectors.dashboards import (
    ExpertDashboard,
    LiaisonDashboard,
    expert_dashboard_page,
    liaison_dashboard_page,
)
from projects.selectors.engagements import EngagementPage, engagement_page
from projects.selectors.projects import (
    ProjectPage,
    Viewer,
    project_get_for_member,
    project_get_visible,
    project_list_visible,
    project_page,
)
from projects.selectors.requests import (
    expert_get_for_invitation,
    interest_get_for_member,
    invitation_get_for_expert,
    project_list_for_inviting,
)

__all__ = [
    "project_list_for_inviting",
    "ContactCard",
    "EngagementPage",
    "ExpertDashboard",
    "LiaisonDashboard",
    "ProjectPage",
    "Viewer",
    "engagement_page",
    "expert_dashboard_page",
    "expert_get_for_invitation",
    "interest_get_for_member",
    "invitation_get_for_expert",
    "liaison_dashboard_page",
    "project_get_for_member",
    "project_get_visible",
    "project_list_visible",
    "project_page",
]
