"""What the notifications app hears, connected in NotificationsConfig.ready().

Events of profiles, projects, matching, chapters and conversations: each receiver runs inside
the sending service's transaction and calls one notifications service, which writes the
Notification and its outbox row in that same transaction, so a rolled-back change notifies
nobody.

partners.events.webhook_disabled: the receiver only enqueues a task with the subscription's
id (the task base sends it once the partners transaction commits).

notifications.events.emails_queued: enqueues one send task per outbox row, sent on commit.
"""

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal

from chapters import events as chapter_events
from conversations import events as conversation_events
from enquiries import events as enquiry_events
from matching import events as matching_events
from notifications import events as notification_events
from notifications import privacy, tasks
from notifications.services import kinds
from partners import events as partner_events
from profiles import events as profile_events
from projects import events as project_events


def on_interest_created(sender: Any, interest_id: int, **kwargs: Any) -> None:
    kinds.interest_received(interest_id=interest_id)


def on_interest_accepted(sender: Any, interest_id: int, **kwargs: Any) -> None:
    kinds.interest_answered(interest_id=interest_id, engagement_id=kwargs.get("engagement_id"))


def on_interest_declined(sender: Any, interest_id: int, **kwargs: Any) -> None:
    kinds.interest_answered(interest_id=interest_id)


def on_invitation_created(sender: Any, invitation_id: int, **kwargs: Any) -> None:
    if kwargs.get("round_id"):
        return  # a match round's invitation: the round's digest tells the expert (below)
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


def on_account_suspended(sender: Any, user_id: int, reason: str = "", **kwargs: Any) -> None:
    kinds.account_suspension_changed(user_id=user_id, suspended=True, reason=reason)


def on_account_reinstated(sender: Any, user_id: int, reason: str = "", **kwargs: Any) -> None:
    kinds.account_suspension_changed(user_id=user_id, suspended=False, reason=reason)


def on_matches_computed(sender: Any, project_id: int, expert_ids: list[int], **kwargs: Any) -> None:
    kinds.experts_suggested(project_id=project_id, expert_ids=list(expert_ids))


def on_expert_suggestions_computed(
    sender: Any, profile_id: int, project_ids: list[int], **kwargs: Any
) -> None:
    kinds.projects_suggested(profile_id=profile_id, project_ids=list(project_ids))


def on_round_published(
    sender: Any, round_id: int, invitation_ids: dict[int, list[int]], **kwargs: Any
) -> None:
    kinds.round_invitations(round_id=round_id, invitation_ids=invitation_ids)


def on_webhook_disabled(sender: Any, subscription_id: int, **kwargs: Any) -> None:
    tasks.webhook_disabled_notify.delay(subscription_id)


def on_chapter_membership_approved(sender: Any, membership_id: int, **kwargs: Any) -> None:
    kinds.chapter_request_answered(membership_id=membership_id, approved=True)


def on_chapter_membership_declined(sender: Any, membership_id: int, **kwargs: Any) -> None:
    kinds.chapter_request_answered(membership_id=membership_id, approved=False)


def on_chapter_coordination_vacated(
    sender: Any, chapter_id: int, user_id: int, **kwargs: Any
) -> None:
    kinds.coordination_vacated(chapter_id=chapter_id, user_id=user_id)


def on_chapter_invited(sender: Any, invitation_id: int, url: str, **kwargs: Any) -> None:
    kinds.chapter_invited(invitation_id=invitation_id, url=url)


def on_chapter_announcement_sent(sender: Any, announcement_id: int, **kwargs: Any) -> None:
    kinds.announcement_sent(announcement_id=announcement_id)


def on_chapter_project_shared(
    sender: Any, chapter_id: int, project_id: int, by_id: int | None = None, **kwargs: Any
) -> None:
    kinds.project_shared(chapter_id=chapter_id, project_id=project_id, by_id=by_id)


def on_event_registration_promoted(sender: Any, registration_id: int, **kwargs: Any) -> None:
    kinds.event_seat_promoted(registration_id=registration_id)


def on_event_reminder_due(sender: Any, event_id: int, user_ids: list[int], **kwargs: Any) -> None:
    kinds.event_reminder(event_id=event_id, user_ids=list(user_ids))


def on_introduction_requested(sender: Any, candidate_id: int, **kwargs: Any) -> None:
    kinds.introduction_requested(candidate_id=candidate_id)


def on_introduction_accepted(sender: Any, candidate_id: int, **kwargs: Any) -> None:
    kinds.introduction_made(candidate_id=candidate_id)


def on_enquiry_status_changed(sender: Any, enquiry_id: int, to_status: str, **kwargs: Any) -> None:
    kinds.enquiry_status_told(enquiry_id=enquiry_id, to_status=to_status)


def on_enquiry_sla_breached(sender: Any, enquiry_id: int, **kwargs: Any) -> None:
    kinds.enquiry_overdue(enquiry_id=enquiry_id)


def on_follow_up_due(sender: Any, enquiry_id: int, months: int, **kwargs: Any) -> None:
    kinds.follow_up(enquiry_id=enquiry_id, months=months)


def on_message_posted(sender: Any, message_id: int, **kwargs: Any) -> None:
    kinds.message_received(message_id=message_id)


def on_emails_queued(sender: Any, delivery_ids: list[int], **kwargs: Any) -> None:
    for delivery_id in delivery_ids:
        tasks.delivery_send.delay(delivery_id)


RECEIVERS: list[tuple[Signal, Callable[..., None]]] = [
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
    (profile_events.account_suspended, on_account_suspended),
    (profile_events.account_reinstated, on_account_reinstated),
    (matching_events.matches_computed, on_matches_computed),
    (matching_events.expert_suggestions_computed, on_expert_suggestions_computed),
    (matching_events.round_published, on_round_published),
    (partner_events.webhook_disabled, on_webhook_disabled),
    (chapter_events.membership_approved, on_chapter_membership_approved),
    (chapter_events.membership_declined, on_chapter_membership_declined),
    (chapter_events.chapter_invited, on_chapter_invited),
    (chapter_events.coordination_vacated, on_chapter_coordination_vacated),
    (chapter_events.announcement_sent, on_chapter_announcement_sent),
    (chapter_events.project_shared, on_chapter_project_shared),
    (chapter_events.registration_promoted, on_event_registration_promoted),
    (chapter_events.event_reminder_due, on_event_reminder_due),
    (enquiry_events.introduction_requested, on_introduction_requested),
    (enquiry_events.introduction_accepted, on_introduction_accepted),
    (enquiry_events.enquiry_status_changed, on_enquiry_status_changed),
    (enquiry_events.enquiry_sla_breached, on_enquiry_sla_breached),
    (enquiry_events.follow_up_due, on_follow_up_due),
    (conversation_events.message_posted, on_message_posted),
    (notification_events.emails_queued, on_emails_queued),
]


def connect() -> None:
    for signal, receiver in RECEIVERS:
        signal.connect(receiver, dispatch_uid=f"notifications.{receiver.__name__}")
    # Answers "export my data" with the person's notices (returns data, writes nothing).
    profile_events.personal_data_requested.connect(
        privacy.personal_data, dispatch_uid="notifications.privacy"
    )
