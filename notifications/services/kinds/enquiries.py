"""Notices of brokered introductions (enquiries.events): an expert is asked; the introduction
is made (both sides get each other's contacts, and only then); a requester's enquiry is
declined with a reason; a first-response deadline passed.

The requester has no account: their e-mails go to the enquiry's address in its language."""

from typing import Any

from django.urls import reverse
from django.utils import translation

from enquiries.choices import CandidateState, Status
from enquiries.models import Candidate, Enquiry
from enquiries.permissions import BROKER_GROUP
from enquiries.services.intake import requester_token
from enquiries.services.introductions import answer_token
from enquiries.services.outcomes import outcome_token
from notifications.models import Kind
from notifications.services.kinds.shared import excerpt, name_of
from notifications.services.notify import email_only_create, notification_create
from profiles.models import User


def _type_labels(enquiry: Enquiry) -> dict[str, str]:
    labels = {}
    for language in ("es", "en"):
        with translation.override(language):
            labels[f"type_{language}"] = str(enquiry.get_type_display())
    return labels


def _candidate(candidate_id: int) -> Candidate | None:
    return (
        Candidate.objects.select_related("enquiry", "expert__user").filter(pk=candidate_id).first()
    )


def introduction_requested(*, candidate_id: int) -> None:
    """Ask the expert, in the site and by e-mail, with the signed accept/decline link."""
    candidate = _candidate(candidate_id)
    if candidate is None or not candidate.expert.user.is_active:
        return
    enquiry = candidate.enquiry
    notification_create(
        recipient=candidate.expert.user,
        kind=Kind.INTRODUCTION_REQUESTED,
        key=f"introduction_requested:candidate:{candidate.pk}",
        payload={
            "organisation": enquiry.organisation,
            **_type_labels(enquiry),
            "message": excerpt(enquiry.text),
            "url": reverse("enquiries:answer", args=[answer_token(candidate)]),
        },
    )


def introduction_made(*, candidate_id: int) -> None:
    """Both sides, each other's contacts: the first time anything about the expert reaches
    the requester."""
    candidate = _candidate(candidate_id)
    if candidate is None:
        return
    enquiry, expert = candidate.enquiry, candidate.expert
    requester = {
        "person_name": enquiry.person_name,
        "organisation": enquiry.organisation,
        "email": enquiry.email,
    }
    expert_contact = {
        "expert_name": expert.display_name,
        "expert_email": expert.user.email,
        "expert_position": ", ".join(p for p in (expert.current_position, expert.employer) if p),
        "expert_linkedin": expert.linkedin_url,
        "expert_website": expert.website_url,
    }
    common: dict[str, Any] = {**_type_labels(enquiry), "message": excerpt(enquiry.text)}
    email_only_create(
        email=enquiry.email,
        kind=Kind.INTRODUCTION_MADE,
        key=f"introduction_made:candidate:{candidate.pk}:requester",
        language=enquiry.language,
        payload={
            **common,
            **requester,
            **expert_contact,
            "side": "requester",
            "url": reverse("enquiries:requester", args=[requester_token(enquiry)]),
        },
    )
    notification_create(
        recipient=expert.user,
        kind=Kind.INTRODUCTION_MADE,
        key=f"introduction_made:candidate:{candidate.pk}:expert",
        payload={**common, **requester, **expert_contact, "side": "expert", "url": ""},
    )


def enquiry_status_told(*, enquiry_id: int, to_status: str) -> None:
    """A declined enquiry: the requester gets the broker's reason."""
    if to_status != Status.DECLINED:
        return
    enquiry = Enquiry.objects.filter(pk=enquiry_id).first()
    if enquiry is None:
        return
    email_only_create(
        email=enquiry.email,
        kind=Kind.ENQUIRY_DECLINED,
        key=f"enquiry_declined:enquiry:{enquiry.pk}",
        language=enquiry.language,
        payload={
            "person_name": enquiry.person_name,
            "organisation": enquiry.organisation,
            "reason": excerpt(enquiry.decline_reason),
            "url": reverse("enquiries:requester", args=[requester_token(enquiry)]),
        },
    )


def enquiry_overdue(*, enquiry_id: int) -> None:
    """Tell the broker (every broker while nobody has taken it) that the deadline passed."""
    enquiry = Enquiry.objects.select_related("broker").filter(pk=enquiry_id).first()
    if enquiry is None:
        return
    if enquiry.broker is not None and enquiry.broker.is_active:
        recipients = [enquiry.broker]
    else:
        recipients = list(
            User.objects.filter(groups__name=BROKER_GROUP, is_active=True).order_by("pk")
        )
    for broker in recipients:
        notification_create(
            recipient=broker,
            kind=Kind.ENQUIRY_OVERDUE,
            key=f"enquiry_overdue:enquiry:{enquiry.pk}",
            payload={
                "organisation": enquiry.organisation,
                "broker_name": name_of(enquiry.broker),
                "due_at": enquiry.response_due_at.isoformat() if enquiry.response_due_at else "",
                "url": reverse("enquiries:detail", args=[enquiry.pk]),
            },
        )


def follow_up(*, enquiry_id: int, months: int) -> None:
    """ "What came of it?" to the requester and to every expert who accepted, each with a link
    to record the outcome."""
    enquiry = Enquiry.objects.filter(pk=enquiry_id).first()
    if enquiry is None:
        return
    accepted = list(
        enquiry.candidates.filter(state=CandidateState.ACCEPTED).select_related("expert__user")
    )
    names = ", ".join(c.expert.display_name for c in accepted)
    common = {"organisation": enquiry.organisation, "months": months, "expert_name": names}
    email_only_create(
        email=enquiry.email,
        kind=Kind.ENQUIRY_FOLLOW_UP,
        key=f"enquiry_follow_up:enquiry:{enquiry.pk}:{months}:requester",
        language=enquiry.language,
        payload={
            **common,
            "person_name": enquiry.person_name,
            "side": "requester",
            "url": reverse("enquiries:outcome", args=[outcome_token(enquiry, "requester")]),
        },
    )
    for candidate in accepted:
        if not candidate.expert.user.is_active:
            continue
        notification_create(
            recipient=candidate.expert.user,
            kind=Kind.ENQUIRY_FOLLOW_UP,
            key=f"enquiry_follow_up:enquiry:{enquiry.pk}:{months}:expert",
            payload={
                **common,
                "person_name": enquiry.person_name,
                "side": "expert",
                "url": reverse("enquiries:outcome", args=[outcome_token(enquiry, "expert")]),
            },
        )
