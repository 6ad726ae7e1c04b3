"""Reads for the projects screens. Each returns everything its template shows, fetched in a
fixed number of queries (templates never query), and decides what the viewer may see —
in particular contact details, which are attached only to engagements the viewer takes part in
(an engagement exists only after one side accepted the other)."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from profiles.models import ExpertProfile, Institution, User
from projects.choices import EngagementStatus, ProjectStatus, RequestStatus
from projects.models import (
    Engagement,
    Interest,
    Invitation,
    Project,
    ProjectSkill,
    ProjectTransition,
)
from projects.permissions import is_institution_member

# Who may look at the public screens: anyone, logged in or not.
Viewer = User | AnonymousUser
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


# --- Contact details --------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactCard:
    name: str
    email: str
    linkedin_url: str = ""
    website_url: str = ""
    role: str = ""


def _expert_card(expert: ExpertProfile) -> ContactCard:
    return ContactCard(
        name=expert.user.name or expert.user.email,
        email=expert.user.email,
        linkedin_url=expert.linkedin_url,
        website_url=expert.website_url,
        role=_("Persona experta"),
    )


def _liaison_card(engagement: Engagement) -> ContactCard | None:
    contact = engagement.institution_contact
    if contact is None:
        return None
    return ContactCard(
        name=contact.name or contact.email,
        email=contact.email,
        role=_("Enlace de %(institution)s") % {"institution": engagement.project.institution},
    )


def _attach_contacts(engagements: list[Engagement]) -> list[Engagement]:
    """Only call with engagements the viewer takes part in (or staff)."""
    for engagement in engagements:
        engagement.expert_contact = _expert_card(engagement.expert)
        engagement.liaison_contact = _liaison_card(engagement)
    return engagements


def _engagements() -> QuerySet[Engagement]:
    return Engagement.objects.select_related(
        "project__institution", "expert__user", "institution_contact"
    )


# --- Public list ------------------------------------------------------------------------------


def _with_card_data(queryset: QuerySet[Project]) -> QuerySet[Project]:
    return queryset.select_related("institution", "state").prefetch_related(
        Prefetch("skill_links", queryset=ProjectSkill.objects.select_related("skill")),
        "fields",
    )


def project_list_visible(
    *, user: Viewer, filters: dict[str, Any] | None = None
) -> QuerySet[Project]:
    """Published projects `user` may see, filtered; ready for a paginator."""
    filters = filters or {}
    projects = Project.objects.listed_for(user)
    if filters.get("q"):
        projects = projects.search(filters["q"])
    if filters.get("field"):
        chosen = filters["field"]
        # A major field includes its subfields.
        projects = projects.filter(
            pk__in=Project.objects.filter(Q(fields=chosen) | Q(fields__parent=chosen)).values("pk")
        )
    if filters.get("skill"):
        projects = projects.filter(
            pk__in=ProjectSkill.objects.filter(skill=filters["skill"]).values("project")
        )
    if filters.get("state"):
        projects = projects.filter(state=filters["state"])
    if filters.get("collaboration_type"):
        projects = projects.filter(collaboration_type=filters["collaboration_type"])
    if filters.get("modality"):
        projects = projects.filter(modality=filters["modality"])
    if filters.get("language"):
        projects = projects.filter(languages__contains=[filters["language"]])
    return _with_card_data(projects).order_by("-published_at", "-pk")


# --- Project page -----------------------------------------------------------------------------


@dataclass
class ProjectPage:
    project: Project
    is_member: bool = False
    is_staff: bool = False
    expert: ExpertProfile | None = None
    my_interest: Interest | None = None
    my_invitation: Invitation | None = None
    my_engagement: Engagement | None = None
    interests: list[Interest] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)
    engagements: list[Engagement] = field(default_factory=list)
    transitions: list[ProjectTransition] = field(default_factory=list)
    # Why the viewer cannot express interest (empty when they can).
    interest_blocker: str = ""

    @property
    def can_express_interest(self) -> bool:
        return self.expert is not None and not self.interest_blocker

    @property
    def pending_interests(self) -> list[Interest]:
        return [i for i in self.interests if i.status == RequestStatus.PENDING]


def project_get_visible(*, user: Viewer, pk: int) -> Project:
    """The project with its card data, if `user` may see it (else Project.DoesNotExist)."""
    return _with_card_data(Project.objects.visible_to(user)).get(pk=pk)


def project_get_for_member(*, user: User, pk: int) -> Project:
    """A project of one of `user`'s institutions (else Project.DoesNotExist)."""
    return _with_card_data(Project.objects.of_member(user)).get(pk=pk)


def project_page(*, user: Viewer, pk: int) -> ProjectPage:
    project = project_get_visible(user=user, pk=pk)
    page = ProjectPage(project=project, is_staff=user.is_staff)
    if not user.is_authenticated:
        return page
    page.is_member = is_institution_member(user, project.institution_id)
    if page.is_member or page.is_staff:
        page.interests = list(
            project.interests.select_related("expert__user").order_by("-created_at")
        )
        page.invitations = list(
            project.invitations.select_related("expert__user", "invited_by").order_by("-created_at")
        )
        page.engagements = _attach_contacts(list(_engagements().filter(project=project)))
        page.transitions = list(project.transitions.select_related("by"))
    page.expert = ExpertProfile.objects.filter(user=user).first()
    if page.expert is not None:
        page.my_interest = (
            project.interests.filter(expert=page.expert).order_by("-created_at").first()
        )
        page.my_invitation = (
            project.invitations.filter(expert=page.expert).order_by("-created_at").first()
        )
        mine = list(_engagements().filter(project=project, expert=page.expert))
        page.my_engagement = _attach_contacts(mine)[0] if mine else None
    page.interest_blocker = _interest_blocker(page)
    return page


def _interest_blocker(page: ProjectPage) -> str:
    if page.expert is None:
        return _("Crea tu perfil de experto para mostrar interés en proyectos.")
    if not page.project.is_open:
        return _("Este proyecto ya no recibe interesados.")
    if page.is_member:
        return _("Es un proyecto de tu institución.")
    if not page.expert.is_onboarded:
        return _("Completa tu perfil de experto para mostrar interés en proyectos.")
    if page.expert.is_paused:
        return _("Tu perfil está en pausa: reactívalo para mostrar interés.")
    if page.my_engagement is not None:
        return _("Ya colaboras en este proyecto.")
    if page.my_interest is not None and page.my_interest.status == RequestStatus.PENDING:
        return _("Ya enviaste tu interés; la institución te responderá pronto.")
    if page.my_invitation is not None and page.my_invitation.status == RequestStatus.PENDING:
        return _("Tienes una invitación a este proyecto: respóndela abajo.")
    return ""


# --- Dashboards -------------------------------------------------------------------------------


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
    groups: list[tuple[str, StrOrPromise, list[Project]]]
    pending_interests: list[Interest]
    decisions: list[ProjectTransition]
    engagements: list[Engagement]

    @property
    def project_count(self) -> int:
        return sum(len(projects) for _status, _label, projects in self.groups)

    @property
    def verified_institutions(self) -> list[Institution]:
        return [i for i in self.institutions if i.is_verified]


def liaison_dashboard_page(*, user: User) -> LiaisonDashboard | None:
    """My institutions' projects by status with counts, what needs an answer, recent
    moderation decisions (the in-site notice) and active engagements. None for non-members."""
    institutions = list(Institution.objects.of_member(user).select_related("state"))
    if not institutions:
        return None
    now = timezone.now()
    projects = (
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
        )
        .order_by("-changed_at", "-pk")
    )
    by_status: dict[str, list[Project]] = {}
    for project in projects:
        by_status.setdefault(project.status, []).append(project)
    groups: list[tuple[str, StrOrPromise, list[Project]]] = [
        (status, ProjectStatus(status).label, by_status[status])
        for status in DASHBOARD_STATUS_ORDER
        if status in by_status
    ]
    pending = list(
        Interest.objects.pending()
        .filter(project__institution__in=institutions, expires_at__gt=now)
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
    engagements = _attach_contacts(
        list(
            _engagements()
            .filter(project__institution__in=institutions, status=EngagementStatus.ACTIVE)
            .order_by("-started_at")
        )
    )
    return LiaisonDashboard(
        institutions=institutions,
        groups=groups,
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
    engagements = _attach_contacts(
        list(
            _engagements()
            .filter(expert=profile)
            .prefetch_related("outcomes")
            .order_by("status", "-started_at")
        )
    )
    return ExpertDashboard(
        profile=profile, interests=interests, invitations=invitations, engagements=engagements
    )


# --- Engagement page --------------------------------------------------------------------------


@dataclass
class EngagementPage:
    engagement: Engagement
    is_expert: bool
    is_member: bool

    @property
    def can_act(self) -> bool:
        return self.is_expert or self.is_member


def engagement_page(*, user: User, pk: int) -> EngagementPage:
    """An engagement its parties (and platform staff) may open; else Engagement.DoesNotExist."""
    engagements = _engagements().prefetch_related("outcomes__recorded_by", "follow_ups")
    if not getattr(user, "is_staff", False):
        engagements = engagements.filter(pk__in=Engagement.objects.involving(user).values("pk"))
    engagement = engagements.get(pk=pk)
    _attach_contacts([engagement])
    return EngagementPage(
        engagement=engagement,
        is_expert=engagement.expert.user_id == user.pk,
        is_member=is_institution_member(user, engagement.project.institution_id),
    )


def interest_get_for_member(*, user: User, pk: int) -> Interest:
    """An interest on a project of one of `user`'s institutions (else DoesNotExist)."""
    return Interest.objects.select_related("project", "expert__user").get(
        pk=pk, project__in=Project.objects.of_member(user)
    )


def invitation_get_for_expert(*, user: User, pk: int) -> Invitation:
    """An invitation addressed to `user` (else DoesNotExist)."""
    return Invitation.objects.select_related("project__institution", "expert__user").get(
        pk=pk, expert__user=user
    )


def expert_get_for_invitation(*, user: User, pk: int) -> ExpertProfile:
    """An expert `user` may see in the directory (else DoesNotExist)."""
    return ExpertProfile.objects.visible_to(user).select_related("user").get(pk=pk)
