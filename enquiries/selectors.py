"""Reads of the enquiries app, scoped to who asks: brokers see the queue; the requester sees
their own enquiry through its link; nobody else sees any."""

import uuid
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from enquiries.choices import OPEN_STATUSES, Status
from enquiries.models import Candidate, Enquiry
from enquiries.permissions import BROKER_GROUP, is_broker
from profiles.models import ExpertProfile, User

QUEUE_FILTERS = ("mine", "unassigned", "open", "overdue", "done")


def broker_list() -> QuerySet[User]:
    return User.objects.filter(groups__name=BROKER_GROUP, is_active=True).order_by("name", "pk")


def enquiry_list_for_broker(*, user: User, show: str = "open") -> QuerySet[Enquiry]:
    """The brokers' queue (confirmed enquiries only), oldest deadline first."""
    if not is_broker(user):
        return Enquiry.objects.none()
    enquiries = Enquiry.objects.confirmed().select_related("broker")
    if show == "mine":
        enquiries = enquiries.filter(broker=user, status__in=OPEN_STATUSES)
    elif show == "unassigned":
        enquiries = enquiries.filter(broker__isnull=True, status__in=OPEN_STATUSES)
    elif show == "overdue":
        enquiries = enquiries.filter(status__in=OPEN_STATUSES, sla_breached_at__isnull=False)
    elif show == "done":
        enquiries = enquiries.filter(status__in=(Status.CLOSED, Status.DECLINED))
    else:
        enquiries = enquiries.filter(status__in=OPEN_STATUSES)
    return enquiries.order_by("response_due_at", "pk")


def enquiry_get_for_broker(*, user: User, pk: int) -> Enquiry:
    """Any broker may look at a confirmed enquiry (to take it over); others get DoesNotExist."""
    if not is_broker(user):
        raise Enquiry.DoesNotExist
    return Enquiry.objects.confirmed().select_related("broker", "institution").get(pk=pk)


def enquiry_get_for_handling(*, user: User, pk: int) -> Enquiry:
    """The enquiry `user` may act on: theirs, or one nobody has taken yet."""
    enquiry = enquiry_get_for_broker(user=user, pk=pk)
    if enquiry.broker_id not in (None, user.pk):
        raise Enquiry.DoesNotExist
    return enquiry


def enquiry_get_for_requester(*, public_id: uuid.UUID) -> Enquiry:
    return Enquiry.objects.get(public_id=public_id)


@dataclass(frozen=True)
class EnquiryPage:
    enquiry: Enquiry
    can_act: bool
    timeline: list
    notes: list


def enquiry_page(*, user: User, pk: int) -> EnquiryPage:
    enquiry = enquiry_get_for_broker(user=user, pk=pk)
    return EnquiryPage(
        enquiry=enquiry,
        can_act=enquiry.broker_id in (None, user.pk),
        timeline=list(enquiry.timeline.select_related("by")),
        notes=list(enquiry.notes.select_related("author")),
    )


@dataclass(frozen=True)
class Workload:
    broker: User
    assigned: int
    searching: int
    introduced: int
    overdue: int

    @property
    def open(self) -> int:
        return self.assigned + self.searching + self.introduced


def workload_list(*, user: User) -> list[Workload]:
    """Open enquiries per broker, by status, and how many are past their deadline (one
    query)."""
    if not is_broker(user):
        return []
    now = timezone.now()
    overdue = Q(
        enquiries_brokered__first_response_at__isnull=True,
        enquiries_brokered__response_due_at__lt=now,
        enquiries_brokered__status__in=OPEN_STATUSES,
    )
    rows = broker_list().annotate(
        n_assigned=Count("enquiries_brokered", filter=Q(enquiries_brokered__status="assigned")),
        n_searching=Count("enquiries_brokered", filter=Q(enquiries_brokered__status="searching")),
        n_introduced=Count("enquiries_brokered", filter=Q(enquiries_brokered__status="introduced")),
        n_overdue=Count("enquiries_brokered", filter=overdue),
    )
    return [
        Workload(
            broker=row,
            assigned=row.n_assigned,
            searching=row.n_searching,
            introduced=row.n_introduced,
            overdue=row.n_overdue,
        )
        for row in rows
    ]


def candidate_list_for_enquiry(*, enquiry: Enquiry) -> list[Candidate]:
    return list(enquiry.candidates.select_related("expert__user").order_by("-score", "pk"))


def expert_search_for_broker(*, user: User, query: str, limit: int = 20) -> list[ExpertProfile]:
    """The directory as a broker searches it: listed experts by name or profile words."""
    query = query.replace("\x00", "").strip()  # PostgreSQL refuses NUL in a string
    if not is_broker(user) or len(query) < 2:
        return []
    return list(
        ExpertProfile.objects.listed()
        .filter(Q(user__name__icontains=query) | Q(search_text__icontains=query))
        .select_related("user")
        .order_by("user__name", "pk")[:limit]
    )


def candidate_get_for_broker(*, user: User, enquiry: Enquiry, pk: int) -> Candidate:
    return Candidate.objects.select_related("expert__user").get(enquiry=enquiry, pk=pk)


def candidate_get_for_answer(*, pk: int) -> Candidate:
    """The candidacy a signed answer link names: asked (or answered) only; a shortlisted
    expert who was never asked has no link."""
    return Candidate.objects.select_related("enquiry", "expert__user").get(
        pk=pk, asked_at__isnull=False
    )


def candidate_list_for_expert(*, user: User) -> QuerySet[Candidate]:
    """What the signed-in expert was asked (and only that): who asks appears here once the
    expert is asked, never before."""
    return (
        Candidate.objects.filter(expert__user=user, asked_at__isnull=False)
        .select_related("enquiry")
        .order_by("-asked_at", "-pk")
    )
