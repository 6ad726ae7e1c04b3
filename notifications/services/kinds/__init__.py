"""One function per fact worth telling someone: load what the notice shows, choose who gets
it, write it with notify.notifications_create. Called by notifications.receivers (inside the
triggering service's transaction), by notifications.tasks and by the periodic reminders.
Split by feature; import from here.

Payloads copy what the notice shows (titles, names, reasons, the link's path) so the notice
centre and digests render without loading anything, and say what was true at the time.
"""

from notifications.services.kinds.accounts import institution_decided, membership_invited
from notifications.services.kinds.chapters import (
    announcement_sent,
    chapter_invited,
    chapter_request_answered,
    coordination_vacated,
    event_reminder,
    event_seat_promoted,
    project_shared,
)
from notifications.services.kinds.conversations import message_received
from notifications.services.kinds.enquiries import (
    enquiry_overdue,
    enquiry_status_told,
    follow_up,
    introduction_made,
    introduction_requested,
)
from notifications.services.kinds.matching import experts_suggested, projects_suggested
from notifications.services.kinds.partners import webhook_disabled
from notifications.services.kinds.projects import engagement_follow_up, project_decided
from notifications.services.kinds.requests import (
    interest_answered,
    interest_received,
    invitation_answered,
    invitation_expiring,
    invitation_received,
)
from notifications.services.kinds.rounds import round_invitations
from notifications.services.kinds.suspensions import account_suspension_changed

__all__ = [
    "account_suspension_changed",
    "announcement_sent",
    "chapter_invited",
    "chapter_request_answered",
    "coordination_vacated",
    "event_reminder",
    "event_seat_promoted",
    "project_shared",
    "engagement_follow_up",
    "enquiry_overdue",
    "enquiry_status_told",
    "experts_suggested",
    "follow_up",
    "institution_decided",
    "interest_answered",
    "interest_received",
    "introduction_made",
    "introduction_requested",
    "invitation_answered",
    "invitation_expiring",
    "invitation_received",
    "membership_invited",
    "message_received",
    "project_decided",
    "projects_suggested",
    "round_invitations",
    "webhook_disabled",
]
