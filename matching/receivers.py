"""Matching hangs off other apps' domain events; every handler only enqueues, except the
withdrawal of a hidden profile's suggestions, which happens inside the hiding transaction.

The task base sends a task queued inside the sender's transaction once it commits (and never
if it rolls back), so no handler waits for the commit itself.
"""

from typing import Any

from django.conf import settings
from django.core.cache import cache

from matching import privacy, services, tasks
from matching.models import MatchRun, MatchState
from profiles import events as profile_events
from projects import events as project_events


def schedule_expert_refresh(profile_id: int) -> None:
    """Coalesce bursts of edits (an onboarding saves four steps in a minute) into one run.

    The key expires on its own: if the sender's transaction rolls back (no task is sent), the
    next edit after the timeout schedules again, and the nightly pass refreshes stale documents.
    """
    delay = getattr(settings, "MATCHING_EXPERT_REFRESH_DELAY", 10)
    if cache.add(tasks.expert_refresh_key(profile_id), 1, timeout=delay + 60):
        tasks.expert_refresh_task.apply_async((profile_id,), countdown=delay)


def on_profile_changed(sender: Any, profile_id: int, **kwargs: Any) -> None:
    schedule_expert_refresh(profile_id)


def on_profile_hidden(sender: Any, profile_id: int, **kwargs: Any) -> None:
    # Not a task: the withdrawal belongs to the hiding transaction, so no list shows the
    # profile's pending suggestions even for a moment, with or without a worker running.
    services.matches_withdraw_for_expert(profile_id=profile_id)


def on_project_needs_matching(sender: Any, project_id: int, **kwargs: Any) -> None:
    # The run is recorded now (the suggestions page shows it at once); its task goes on commit.
    run = services.match_run_create(scope=MatchRun.Scope.PROJECT, object_id=project_id)
    tasks.project_matches_task.delay(project_id, run.pk)


def on_project_closed(sender: Any, project_id: int, **kwargs: Any) -> None:
    tasks.project_matches_task.delay(project_id)


def on_invitation_created(
    sender: Any, invitation_id: int, project_id: int, expert_id: int, **kwargs: Any
) -> None:
    tasks.match_state_task.delay(project_id, expert_id, MatchState.INVITED)
    tasks.expert_index_task.delay(expert_id)


def on_interest_created(
    sender: Any, interest_id: int, project_id: int, expert_id: int, **kwargs: Any
) -> None:
    tasks.match_state_task.delay(project_id, expert_id, MatchState.INTERESTED)


def on_capacity_changed(sender: Any, **kwargs: Any) -> None:
    """Engagements and answers change capacity and pending invitations: refresh the document.
    The task finds the expert from whichever id the event carries (no queries here)."""
    ids = {
        key: kwargs[key]
        for key in ("expert_id", "engagement_id", "invitation_id")
        if kwargs.get(key) is not None
    }
    if ids:
        tasks.expert_index_for_event_task.delay(**ids)


def connect() -> None:
    profile_events.profile_changed.connect(on_profile_changed, dispatch_uid="matching.profile")
    profile_events.profile_hidden.connect(on_profile_hidden, dispatch_uid="matching.hidden")
    profile_events.personal_data_requested.connect(
        privacy.personal_data, dispatch_uid="matching.privacy"
    )
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
