"""Matching hangs off other apps' domain events; every handler only enqueues, on commit."""

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from matching import tasks
from matching.models import MatchRun, MatchState
from profiles import events as profile_events
from projects import events as project_events


def schedule_expert_refresh(profile_id: int) -> None:
    """Coalesce bursts of edits (an onboarding saves four steps in a minute) into one run."""
    delay = getattr(settings, "MATCHING_EXPERT_REFRESH_DELAY", 10)

    def enqueue() -> None:
        if cache.add(tasks.expert_refresh_key(profile_id), 1, timeout=delay + 60):
            tasks.expert_refresh_task.apply_async((profile_id,), countdown=delay)

    transaction.on_commit(enqueue)


def on_profile_changed(sender: Any, profile_id: int, **kwargs: Any) -> None:
    schedule_expert_refresh(profile_id)


def on_project_needs_matching(sender: Any, project_id: int, **kwargs: Any) -> None:
    from matching.services import match_run_enqueue

    match_run_enqueue(scope=MatchRun.Scope.PROJECT, object_id=project_id)


def on_project_closed(sender: Any, project_id: int, **kwargs: Any) -> None:
    transaction.on_commit(lambda: tasks.project_matches_task.delay(project_id))


def on_invitation_created(
    sender: Any, invitation_id: int, project_id: int, expert_id: int, **kwargs: Any
) -> None:
    transaction.on_commit(
        lambda: tasks.match_state_task.delay(project_id, expert_id, MatchState.INVITED)
    )
    transaction.on_commit(lambda: tasks.expert_index_task.delay(expert_id))


def on_interest_created(
    sender: Any, interest_id: int, project_id: int, expert_id: int, **kwargs: Any
) -> None:
    transaction.on_commit(
        lambda: tasks.match_state_task.delay(project_id, expert_id, MatchState.INTERESTED)
    )


def on_capacity_changed(sender: Any, **kwargs: Any) -> None:
    """Engagements and answers change capacity and pending invitations: refresh the document.
    The task finds the expert from whichever id the event carries (no queries here)."""
    ids = {
        key: kwargs[key]
        for key in ("expert_id", "engagement_id", "invitation_id")
        if kwargs.get(key) is not None
    }
    if ids:
        transaction.on_commit(lambda: tasks.expert_index_for_event_task.delay(**ids))


def connect() -> None:
    profile_events.profile_changed.connect(on_profile_changed, dispatch_uid="matching.profile")
    project_events.project_published.connect(
        on_project_needs_matching, dispatch_uid="matching.published"
    )
    project_events.project_changed.connect(
        on_project_needs_matching, dispatch_uid="matching.changed"
    )
    project_events.project_closed.connect(on_project_closed, dispatch_uid="matching.closed")
    project_events.invitation_created.connect(
        on_invitation_created, dispatch_uid="matching.invited"
    )
    project_events.interest_created.connect(on_interest_created, dispatch_uid="matching.interest")
    for signal in (
        project_events.engagement_started,
        project_events.engagement_ended,
        # An accepted invitation also starts an engagement, which is announced above.
        project_events.invitation_declined,
    ):
        signal.connect(on_capacity_changed, dispatch_uid=f"matching.capacity.{id(signal)}")
