"""Writes of the chapters app.

memberships: joining, leaving, approving, removing, roles, invitations · events: publishing,
registrations, waiting list, check-in, reminders · announcements: announcements and shared
needs."""

from chapters.services.announcements import announcement_send, project_share
from chapters.services.events import (
    event_create,
    event_publish,
    event_register,
    event_reminders_send,
    registration_cancel,
    registration_check_in,
)
from chapters.services.memberships import (
    chapter_join,
    invitation_accept,
    invitation_create,
    invitation_from_token,
    invitation_token,
    membership_approve,
    membership_decline,
    membership_leave,
    membership_remove,
    membership_set_role,
)

__all__ = [
    "announcement_send",
    "chapter_join",
    "event_create",
    "event_publish",
    "event_register",
    "event_reminders_send",
    "invitation_accept",
    "invitation_create",
    "invitation_from_token",
    "invitation_token",
    "membership_approve",
    "membership_decline",
    "membership_leave",
    "membership_remove",
    "membership_set_role",
    "project_share",
    "registration_cancel",
    "registration_check_in",
]
