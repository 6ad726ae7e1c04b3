"""Domain events → notices. Each receiver runs inside the sending service's transaction and
only calls a notifications service, which writes the Notification and its outbox row in that
same transaction and enqueues the e-mail on commit. Receivers never enqueue themselves."""

import importlib
import logging
from typing import Any

from notifications.services import kinds
from profiles import events as profile_events
from projects import events as project_events

logger = logging.getLogger(__name__)


def on_interest_created(sender: Any, interest_id: int, **kwargs: Any) -> None:
    kinds.interest_received(interest_id=interest_id)


def on_interest_accepted(sender: Any, interest_id: int, **kwargs: Any) -> None:
    kinds.interest_answered(interest_id=interest_id, engagement_id=kwargs.get("engagement_id"))


def on_interest_declined(sender: Any, interest_id: int, **kwargs: Any) -> None:
    kinds.interest_answered(interest_id=interest_id)


def on_invitation_created(sender: Any, invitation_id: int, **kwargs: Any) -> None:
    kinds.invitation_received(invitation_id=invitation_id)


def on_invitation_accepted(sender: Any, invitation_id: int, **kwargs: Any) -> None:
    kinds.invitation_answered(
        invitation_id=invitation_id, engagement_id=kwargs.get("engagement_id")
    )


def on_invitation_declined(sender: Any, invitation_id: int, **kwargs: Any) -> None:
    kinds.invitation_answered(invitation_id=invitation_id)


def on_project_published(sender: Any, project_id: int, **kwargs: Any) -> None:
    kinds.project_decided(project_id=project_id, by_id=kwargs.get("by_id"), approved=True)


def on_project_rejected(sender: Any, project_id: int, **kwargs: Any) -> None:
    kinds.project_decided(
        project_id=project_id,
        by_id=kwargs.get("by_id"),
        approved=False,
        reason=kwargs.get("reason", ""),
    )


def on_institution_verified(sender: Any, institution_id: int, **kwargs: Any) -> None:
    kinds.institution_decided(
        institution_id=institution_id, by_id=kwargs.get("by_id"), verified=True
    )


def on_institution_rejected(sender: Any, institution_id: int, **kwargs: Any) -> None:
    kinds.institution_decided(
        institution_id=institution_id,
        by_id=kwargs.get("by_id"),
        verified=False,
        reason=kwargs.get("reason", ""),
    )


def on_membership_invited(sender: Any, invitation_id: int, **kwargs: Any) -> None:
    kinds.membership_invited(invitation_id=invitation_id)


def on_matches_computed(sender: Any, project_id: int, expert_ids: list[int], **kwargs: Any) -> None:
    kinds.experts_suggested(project_id=project_id, expert_ids=list(expert_ids))


def on_expert_suggestions_computed(
    sender: Any, profile_id: int, project_ids: list[int], **kwargs: Any
) -> None:
    kinds.projects_suggested(profile_id=profile_id, project_ids=list(project_ids))


RECEIVERS = [
    (project_events.interest_created, on_interest_created),
    (project_events.interest_accepted, on_interest_accepted),
    (project_events.interest_declined, on_interest_declined),
    (project_events.invitation_created, on_invitation_created),
    (project_events.invitation_accepted, on_invitation_accepted),
    (project_events.invitation_declined, on_invitation_declined),
    (project_events.project_published, on_project_published),
    (project_events.project_rejected, on_project_rejected),
    (profile_events.institution_verified, on_institution_verified),
    (profile_events.institution_rejected, on_institution_rejected),
    (profile_events.membership_invited, on_membership_invited),
]

# Sent by the matching engine; connected only when it is installed (the seam stays open
# until then, and notifications work without it).
MATCHING_RECEIVERS = [
    ("matches_computed", on_matches_computed),
    ("expert_suggestions_computed", on_expert_suggestions_computed),
]


def connect() -> None:
    for signal, receiver in RECEIVERS:
        signal.connect(receiver, dispatch_uid=f"notifications.{receiver.__name__}")
    try:
        matching_events = importlib.import_module("matching.events")
    except ImportError:
        logger.info("matching.events not available: suggestion notices are off")
        return
    for name, receiver in MATCHING_RECEIVERS:
        signal = getattr(matching_events, name, None)
        if signal is not None:
            signal.connect(receiver, dispatch_uid=f"notifications.{receiver.__name__}")
