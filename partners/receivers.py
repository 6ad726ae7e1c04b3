"""Domain events that become webhooks. Each receiver only enqueues the fan-out (the task base
sends it when the sender's transaction commits, and never on rollback)."""

from typing import Any

from django.utils import timezone

from chapters import events as chapter_events
from enquiries import events as enquiry_events
from matching import events as matching_events
from partners.models import WebhookEvent
from partners.tasks import webhook_event_dispatch
from projects import events as project_events


def _dispatch(event: str, **refs: Any) -> None:
    webhook_event_dispatch.delay(event, refs, timezone.now().isoformat())


def on_project_published(sender: object, project_id: int, **kwargs: Any) -> None:
    _dispatch(WebhookEvent.PROJECT_PUBLISHED, project_id=project_id)


def on_project_closed(sender: object, project_id: int, status: str = "", **kwargs: Any) -> None:
    _dispatch(WebhookEvent.PROJECT_CLOSED, project_id=project_id, status=status)


def on_matches_computed(
    sender: object, project_id: int, expert_ids: list[int] | None = None, **kwargs: Any
) -> None:
    if expert_ids:
        _dispatch(
            WebhookEvent.MATCH_CREATED,
            project_id=project_id,
            expert_ids=sorted(int(pk) for pk in expert_ids),
        )


def on_invitation_accepted(sender: object, invitation_id: int, **kwargs: Any) -> None:
    _dispatch(WebhookEvent.INVITATION_ACCEPTED, invitation_id=invitation_id)


def on_outcome_recorded(sender: object, outcome_id: int, **kwargs: Any) -> None:
    _dispatch(WebhookEvent.OUTCOME_RECORDED, outcome_id=outcome_id)


def on_event_published(sender: object, event_id: int, **kwargs: Any) -> None:
    _dispatch(WebhookEvent.EVENT_PUBLISHED, event_id=event_id)


def on_member_joined(sender: object, chapter_id: int, membership_id: int, **kwargs: Any) -> None:
    _dispatch(
        WebhookEvent.CHAPTER_MEMBER_JOINED, chapter_id=chapter_id, membership_id=membership_id
    )


def on_enquiry_status_changed(sender: object, enquiry_id: int, **kwargs: Any) -> None:
    _dispatch(WebhookEvent.ENQUIRY_STATUS_CHANGED, enquiry_id=enquiry_id)


def connect() -> None:
    uid = "partners.webhooks"
    project_events.project_published.connect(on_project_published, dispatch_uid=uid)
    project_events.project_closed.connect(on_project_closed, dispatch_uid=uid)
    project_events.invitation_accepted.connect(on_invitation_accepted, dispatch_uid=uid)
    project_events.outcome_recorded.connect(on_outcome_recorded, dispatch_uid=uid)
    matching_events.matches_computed.connect(on_matches_computed, dispatch_uid=uid)
    chapter_events.event_published.connect(on_event_published, dispatch_uid=uid)
    chapter_events.member_joined.connect(on_member_joined, dispatch_uid=uid)
    enquiry_events.enquiry_status_changed.connect(on_enquiry_status_changed, dispatch_uid=uid)
