"""The dashboards: a liaison's institutions and projects, an expert's requests and engagements."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise

from profiles.models import ExpertProfile, Institution, User
from projects.choices import EngagementStatus, ProjectStatus, RequestStatus
from projects.models import Engagement, Interest, Invitation, Project, ProjectTransition
from projects.selectors.contacts import attach_contacts, engagements_with_parties

StrOrPromise = str | Promise

# How the liaison dashboard orders its groups: what needs attention first.
DASHBOARD_STATUS_ORDER = [
    ProjectStatus.REJECTED,
    ProjectStatus.DRAFT,
    ProjectStatus.SUBMITTED,
    ProjectStatus.PUBLISHED,
    ProjectStatus.IN_PROGRESS,
    ProjectStatus.CLOSED,
    ProjectStatus.COMPLETED,
    ProjectStatus.CANCELLED,
]


def _count(
    model: type[Interest] | type[Invitation] | type[Engagement], **conditions: Any
) -> Coalesce:
    counted = (
        model.objects.filter(project=OuterRef("pk"), **conditions)
        .order_by()
        .values("project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


@dataclass
class LiaisonDashboard:
    institutions: list[Institution]
    projects: QuerySet[Project]  # all of them, in the panel's order: the view shows one page
    pending_interests: list[Interest]
    decisions: list[ProjectTransition]
    engagements: list[Engagement]
    project_page: Page | None = None

    @property
    def groups(self) -> list[tuple[str, StrOrPromise, list[Project]]]:
        """The projects shown (the page, when there is one) grouped by status in the panel's
        order; each row's `status_total` counts its status across all pages."""
        rows = self.projects if self.project_page is None else self.project_page.object_list
        by_status: dict[str, list[Project]] = {}
        for project in rows:
            by_status.setdefault(project.status, []).append(project)
        return [(s, ProjectStatus(s).label, projects) for s, projects in by_status.items()]

    @property
    def verified_institutions(self) -> list[Institution]:
        return [i for i in self.institutions if i.is_verified]


def _liaison_projects(institutions: list[Institution], now: datetime.datetime) -> QuerySet[Project]:
    """The institutions' projects with their request and engagement counts, by status in the
    dashboard's order (latest change first within one), each with its status's total."""
    rank = Case(
        *[When(status=status, then=Value(i)) for i, status in enumerate(DASHBOARD_STATUS_ORDER)],
        output_field=IntegerField(),
    )
    return (
        Project.objects.filter(institution__in=institutions)
        .select_related("institution", "state")
        .annotate(
            interests_total=_count(Interest),
            interests_pending=_count(Interest, status=RequestStatus.PENDING, expires_at__gt=now),
            invitations_total=_count(Invitation),
            invitations_pending=_count(
                Invitation, status=RequestStatus.PENDING, expires_at__gt=now
            ),
            engagements_active=_count(Engagement, status=EngagementStatus.ACTIVE),
            status_total=Window(Count("pk"), partition_by=[F("status")]),
        )
        .order_by(rank, "-changed_at", "-pk")
    )


def liaison_dashboard_page(*, user: User) -> LiaisonDashboard | None:
    """My institutions' projects by status with counts, what needs an answer, recent
    moderation decisions (the in-site notice) and active engagements. None for non-members."""
    institutions = list(Institution.objects.of_member(user).select_related("state"))
    if not institutions:
        return None
    now = timezone.now()
    pending = list(
        Interest.objects.pending()
        .filter(
            project__institution__in=institutions,
            expires_at__gt=now,
            expert__in=ExpertProfile.objects.visible_to(user).listed(),
        )
        .select_related("expert__user", "project")
        .order_by("expires_at")
    )
    decisions = list(
        ProjectTransition.objects.filter(
            project__institution__in=institutions,
            to_status__in=[ProjectStatus.PUBLISHED, ProjectStatus.REJECTED],
            created_at__gte=now - datetime.timedelta(days=30),
        )
        .select_related("project")
        .order_by("-created_at")[:10]
    )
    engagements = attach_contacts(
        list(
            engagements_with_parties()
            .filter(project__institution__in=institutions, status=EngagementStatus.ACTIVE)
            .order_by("-started_at")
        )
    )
    return LiaisonDashboard(
        institutions=institutions,
        projects=_liaison_projects(institutions, now),
        pending_interests=pending,
        decisions=decisions,
        engagements=engagements,
    )


@dataclass
class ExpertDashboard:
    profile: ExpertProfile
    interests: list[Interest]
    invitations: list[Invitation]
    engagements: list[Engagement]

    @property
    def pending_invitations(self) -> list[Invitation]:
        return [i for i in self.invitations if i.is_pending and not i.is_overdue]

    @property
    def other_invitations(self) -> list[Invitation]:
        return [i for i in self.invitations if not (i.is_pending and not i.is_overdue)]


def expert_dashboard_page(*, user: User) -> ExpertDashboard | None:
    """My interests, invitations and engagements (with contacts). None without a profile."""
    profile = ExpertProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    interests = list(
        profile.interests.select_related("project__institution").order_by("-created_at")
    )
    invitations = list(
        profile.invitations.select_related("project__institution").order_by("-created_at")
    )
    engagements = attach_contacts(
        list(
            engagements_with_parties()
            .filter(expert=profile)
            .prefetch_related("outcomes")
            .order_by("status", "-started_at")
        )
    )
    return ExpertDashboard(
        profile=profile, interests=interests, invitations=invitations, engagements=engagements
    )
