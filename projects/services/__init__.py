"""Writes of the projects app: the only place that changes projects, their collaboration
requests and engagements.

editing: project content · workflow: status transitions · requests: collaboration requests
(interests and invitations) · engagements: engagements and outcomes.
"""

from projects.services.editing import project_create, project_update
from projects.services.engagements import add_months, engagement_end, outcome_record
from projects.services.requests import (
    interest_accept,
    interest_create,
    interest_decline,
    invitation_accept,
    invitation_create,
    invitation_decline,
    requests_expire,
)
from projects.services.staffing import project_pause, project_resume, project_staffing_refresh
from projects.services.workflow import (
    ALLOWED_TRANSITIONS,
    project_cancel,
    project_close,
    project_complete,
    project_publish,
    project_reject,
    project_start,
    project_submit,
    projects_close_past_deadline,
)

__all__ = [
    "project_pause",
    "project_resume",
    "project_staffing_refresh",
    "ALLOWED_TRANSITIONS",
    "add_months",
    "engagement_end",
    "interest_accept",
    "interest_create",
    "interest_decline",
    "requests_expire",
    "invitation_accept",
    "invitation_create",
    "invitation_decline",
    "outcome_record",
    "project_cancel",
    "project_close",
    "project_complete",
    "project_create",
    "project_publish",
    "project_reject",
    "project_start",
    "project_submit",
    "project_update",
    "projects_close_past_deadline",
]
