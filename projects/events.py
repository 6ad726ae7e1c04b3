"""Domain events of the projects app. Sent by projects.services; higher apps (matching,
notifications, webhooks) subscribe in their receivers.py and only enqueue their task.

Every event passes ids (and short strings), never instances. Events are sent inside the
service's transaction, after its writes: a receiver just calls `task.delay(...)`, which
network.celery sends after commit, so nothing runs for work that is rolled back.

This is also the seam for e-mail: the notifications issue subscribes to these events to tell
the institution about moderation decisions and each side about answers. Nothing here sends
mail.
"""

from django.dispatch import Signal

# A member sent a project to moderation. kwargs: project_id, by_id
project_submitted = Signal()

# Platform staff published a project (it is now listed and can be matched).
# kwargs: project_id, by_id
project_published = Signal()

# Platform staff rejected a project. kwargs: project_id, by_id, reason
project_rejected = Signal()

# A published project stopped taking new interests: its deadline passed (status "closed"),
# work started ("in_progress"), it was completed or cancelled. Matching stops suggesting it.
# kwargs: project_id, status, by_id (None when the system closed it)
project_closed = Signal()

# The matching-relevant content of a project changed (an edit). kwargs: project_id
project_changed = Signal()

# An expert expressed interest in a project. kwargs: interest_id, project_id, expert_id
interest_created = Signal()

# The institution answered an interest. kwargs: interest_id, by_id (+ engagement_id)
interest_accepted = Signal()
interest_declined = Signal()

# An institution invited an expert. kwargs: invitation_id, project_id, expert_id
invitation_created = Signal()

# The expert answered an invitation. kwargs: invitation_id, by_id (+ engagement_id)
invitation_accepted = Signal()
invitation_declined = Signal()

# Collaboration requests (interests, invitations) lapsed without an answer (SLA).
# kwargs: interest_ids, invitation_ids (lists; one event per periodic run)
requests_expired = Signal()

# An engagement started (after an acceptance). kwargs: engagement_id, project_id, expert_id
engagement_started = Signal()

# An engagement ended. kwargs: engagement_id, status, by_id
engagement_ended = Signal()

# Someone recorded what an engagement produced. kwargs: outcome_id, engagement_id, by_id
outcome_recorded = Signal()

# A published need stopped or started again taking people without changing status: its seats
# filled ("staffed"), one was freed by an early end ("reopened"), or its institution paused or
# resumed it. Lists and suggestions read the project's flags, so nobody needs to recompute.
# kwargs: project_id, change ("staffed" | "reopened" | "paused" | "resumed")
project_availability_changed = Signal()
