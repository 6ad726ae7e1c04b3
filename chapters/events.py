"""Domain events of the chapters app: sent by its services, heard by notifications (notices
and e-mails) and partners (webhooks). Each carries ids, never instances."""

from django.dispatch import Signal

# A person became an active member of a chapter: membership_id, chapter_id, user_id.
member_joined = Signal()
# A coordinator approved a request to join (member_joined is sent too): membership_id.
membership_approved = Signal()
# A membership ended (the person left or was removed) or its role changed: membership_id,
# chapter_id.
membership_changed = Signal()
# A chapter's last coordinator left (their account was deleted) while members or requests
# remain: chapter_id, user_id (who left). Staff should appoint another coordinator.
coordination_vacated = Signal()
# Someone asked to join a chapter with approval: membership_id, chapter_id.
membership_requested = Signal()
# A coordinator declined a request: membership_id, reason.
membership_declined = Signal()
# An e-mailed invitation to join a chapter was written: invitation_id, url.
chapter_invited = Signal()
# An event became visible: event_id.
event_published = Signal()
# Someone registered for an event or cancelled (a seat or a place in the waiting list):
# registration_id, event_id.
registration_changed = Signal()
# A seat freed and the first person waiting got it: registration_id.
registration_promoted = Signal()
# An event starts within a day; remind these registered people: event_id, user_ids.
event_reminder_due = Signal()
# A coordinator wrote to the members of a chapter: announcement_id.
announcement_sent = Signal()
# A published need was shared with a chapter: chapter_id, project_id, by_id.
project_shared = Signal()
