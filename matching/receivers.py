"""Matching hangs off other apps' domain events; a handler enqueues the heavy work, and writes
the small facts it derives (a hidden profile's withdrawn suggestions, "invited"/"interested",
an expert's pending invitations and capacity) inside the sender's transaction.

The task base sends a task queued inside the sender's transaction once it commits (and never
if it rolls back), so no handler waits for the commit itself.
"""

from typing import Any

from django.conf import settings
from django.core.cache import cache

from matching import derived, learning, privacy, services, tasks
from matching.models import DecisionOutcome, DecisionSide, MatchRun, MatchState
from profiles import events as profile_events
from projects import events as project_events
from projects.models import Interest, Invitation


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
    # Cancelling or completing a project ends its engagements and lapses its invitations in
    # bulk (no event per row): the counts of the experts involved change in this transaction.
    derived.expert_counts_refresh(profile_ids=derived.expert_ids_for_project(project_id))
    tasks.project_matches_task.delay(project_id)


# The handlers below write small derived facts synchronously instead of enqueueing a task: a
# queued task is lost with the broker (a Redis restart), and then the suggestion would never
# show "invited" and the pending-invitation penalty would never count. Written here, inside the
# sender's transaction, they commit with the invitation (or roll back with it), worker or not.


def on_invitation_created(
    sender: Any, invitation_id: int, project_id: int, expert_id: int, **kwargs: Any
) -> None:
    services.match_set_state(project_id=project_id, expert_id=expert_id, state=MatchState.INVITED)
    derived.expert_counts_refresh(profile_ids=[expert_id])
    learning.suggestion_decision_log(
        project_id=project_id,
        expert_id=expert_id,
        outcome=DecisionOutcome.INVITED,
        side=DecisionSide.INSTITUTION,
    )


def on_interest_created(
    sender: Any, interest_id: int, project_id: int, expert_id: int, **kwargs: Any
) -> None:
    services.match_set_state(
        project_id=project_id, expert_id=expert_id, state=MatchState.INTERESTED
    )
    learning.suggestion_decision_log(
        project_id=project_id,
        expert_id=expert_id,
        outcome=DecisionOutcome.INTERESTED,
        side=DecisionSide.EXPERT,
    )


# What people answered, logged for the weight fit in the answer's transaction (see above).


def on_interest_accepted(sender: Any, interest_id: int, **kwargs: Any) -> None:
    learning.request_decision_log(model=Interest, pk=interest_id, outcome=DecisionOutcome.ACCEPTED)


def on_interest_declined(sender: Any, interest_id: int, **kwargs: Any) -> None:
    learning.request_decision_log(model=Interest, pk=interest_id, outcome=DecisionOutcome.DECLINED)


def on_invitation_accepted(sender: Any, invitation_id: int, **kwargs: Any) -> None:
    learning.request_decision_log(
        model=Invitation, pk=invitation_id, outcome=DecisionOutcome.ACCEPTED
    )
    on_capacity_changed(sender, invitation_id=invitation_id, **kwargs)


def on_invitation_declined(sender: Any, invitation_id: int, **kwargs: Any) -> None:
    learning.request_decision_log(
        model=Invitation, pk=invitation_id, outcome=DecisionOutcome.DECLINED
    )
    on_capacity_changed(sender, invitation_id=invitation_id, **kwargs)


def on_capacity_changed(sender: Any, **kwargs: Any) -> None:
    """Engagements and answers change capacity and pending invitations: recount them."""
    expert_id = kwargs.get("expert_id") or services.expert_id_for(
        engagement_id=kwargs.get("engagement_id"), invitation_id=kwargs.get("invitation_id")
    )
    if expert_id is not None:
        derived.expert_counts_refresh(profile_ids=[expert_id])


def on_requests_expired(
    sender: Any, invitation_ids: list[int] | None = None, **kwargs: Any
) -> None:
    experts = Invitation.objects.filter(pk__in=invitation_ids or []).values_list(
        "expert_id", flat=True
    )
    derived.expert_counts_refresh(profile_ids=set(experts))


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
    project_events.requests_expired.connect(on_requests_expired, dispatch_uid="matching.expired")
    project_events.interest_accepted.connect(
        on_interest_accepted, dispatch_uid="matching.interest_accepted"
    )
    project_events.interest_declined.connect(
        on_interest_declined, dispatch_uid="matching.interest_declined"
    )
    # An accepted invitation starts its engagement before it is marked accepted: its pending
    # count is right only once the acceptance itself is announced (these handlers recount).
    project_events.invitation_accepted.connect(
        on_invitation_accepted, dispatch_uid="matching.invitation_accepted"
    )
    project_events.invitation_declined.connect(
        on_invitation_declined, dispatch_uid="matching.invitation_declined"
    )
    for signal in (project_events.engagement_started, project_events.engagement_ended):
        signal.connect(on_capacity_changed, dispatch_uid=f"matching.capacity.{id(signal)}")
