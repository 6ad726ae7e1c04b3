"""Domain events that become webhooks. Each receiver only enqueues the fan-out on commit."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from partners.models import WebhookEvent
from projects import events as project_events


def _enqueue(event: str, **refs: Any) -> None:
    from partners.tasks import webhook_event_dispatch

    occurred_at = timezone.now().isoformat()
    transaction.on_commit(lambda: webhook_event_dispatch.delay(event, refs, occurred_at))


def on_project_published(sender: object, project_id: int, **kwargs: Any) -> None:
    _enqueue(WebhookEvent.PROJECT_PUBLISHED, project_id=project_id)


def on_project_closed(sender: object, project_id: int, status: str = "", **kwargs: Any) -> None:
    _enqueue(WebhookEvent.PROJECT_CLOSED, project_id=project_id, status=status)


def on_matches_computed(
    sender: object, project_id: int, expert_ids: list[int] | None = None, **kwargs: Any
) -> None:
    if expert_ids:
        _enqueue(
            WebhookEvent.MATCH_CREATED,
            project_id=project_id,
            expert_ids=sorted(int(pk) for pk in expert_ids),
        )


def on_invitation_accepted(sender: object, invitation_id: int, **kwargs: Any) -> None:
    _enqueue(WebhookEvent.INVITATION_ACCEPTED, invitation_id=invitation_id)


def on_outcome_recorded(sender: object, outcome_id: int, **kwargs: Any) -> None:
    _enqueue(WebhookEvent.OUTCOME_RECORDED, outcome_id=outcome_id)


def connect() -> None:
    uid = "partners.webhooks"
    project_events.project_published.connect(on_project_published, dispatch_uid=uid)
    project_events.project_closed.connect(on_project_closed, dispatch_uid=uid)
    project_events.invitation_accepted.connect(on_invitation_accepted, dispatch_uid=uid)
    project_events.outcome_recorded.connect(on_outcome_recorded, dispatch_uid=uid)
    try:
        from matching import events as matching_events
    except ModuleNotFoundError as error:  # the matching engine may not be installed yet
        if error.name != "matching.events":
            raise
        return
    matches_computed = getattr(matching_events, "matches_computed", None)
    if matches_computed is not None:
        matches_computed.connect(on_matches_computed, dispatch_uid=uid)
