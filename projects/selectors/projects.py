"""Reads for the project screens: the public list and the project page."""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from profiles.choices import Visibility
from profiles.models import ExpertProfile, Membership, User
from projects.choices import RequestStatus
from projects.models import (
    Engagement,
    Interest,
    Invitation,
    Project,
    ProjectSkill,
    ProjectTransition,
)
from projects.selectors.contacts import attach_contacts, engagements_with_parties

# Who may look at the public screens: anyone, logged in or not.
Viewer = User | AnonymousUser


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
    # Members and staff get every request (newest first) to page through; others none.
    interests: QuerySet[Interest] = field(default_factory=Interest.objects.none)
    invitations: QuerySet[Invitation] = field(default_factory=Invitation.objects.none)
    engagements: list[Engagement] = field(default_factory=list)
    transitions: list[ProjectTransition] = field(default_factory=list)
    # Why the viewer cannot express interest (empty when they can).
    interest_blocker: str = ""

    @property
    def can_express_interest(self) -> bool:
        return self.expert is not None and not self.interest_blocker


def project_get_visible(*, user: Viewer, pk: int) -> Project:
    """The project with its card data, if `user` may see it (else Project.DoesNotExist)."""
    return _with_card_data(Project.objects.visible_to(user)).get(pk=pk)


def project_get_for_member(*, user: User, pk: int) -> Project:
    """A project of one of `user`'s institutions (else Project.DoesNotExist)."""
    return _with_card_data(Project.objects.of_member(user)).get(pk=pk)


def project_page(*, user: Viewer, pk: int) -> ProjectPage:
    if not user.is_authenticated:
        return ProjectPage(project=project_get_visible(user=user, pk=pk), is_staff=user.is_staff)
    # Whether the viewer acts for the institution comes with the row (one query fewer).
    memberships = Membership.objects.filter(user=user, institution_id=OuterRef("institution_id"))
    project = (
        _with_card_data(Project.objects.visible_to(user))
        .annotate(viewer_is_member=Exists(memberships))
        .get(pk=pk)
    )
    page = ProjectPage(project=project, is_staff=user.is_staff)
    page.is_member = bool(getattr(project, "viewer_is_member", False))
    if page.is_member or page.is_staff:
        # Requests of a profile hidden since (or of a suspended or deleted account) drop out
        # when read; engagements stay: both sides agreed to them and exchanged contacts.
        shown = ExpertProfile.objects.visible_to(user).listed()
        page.interests = (
            project.interests.filter(expert__in=shown)
            .select_related("expert__user")
            .order_by("-created_at", "-pk")
        )
        page.invitations = (
            project.invitations.filter(expert__in=shown)
            .select_related("expert__user", "invited_by")
            .order_by("-created_at", "-pk")
        )
        page.engagements = attach_contacts(list(engagements_with_parties().filter(project=project)))
        page.transitions = list(project.transitions.select_related("by"))
    page.expert = ExpertProfile.objects.filter(user=user).first()
    if page.expert is not None:
        page.my_interest = (
            project.interests.filter(expert=page.expert).order_by("-created_at").first()
        )
        page.my_invitation = (
            project.invitations.filter(expert=page.expert).order_by("-created_at").first()
        )
        mine = list(engagements_with_parties().filter(project=project, expert=page.expert))
        page.my_engagement = attach_contacts(mine)[0] if mine else None
    page.interest_blocker = _interest_blocker(page)
    return page


def _interest_blocker(page: ProjectPage) -> str:
    if page.expert is None:
        return _("Crea tu perfil de experto para mostrar interés en proyectos.")
    if not page.project.is_open:
        return page.project.closed_reason
    if page.is_member:
        return _("Es un proyecto de tu institución.")
    if not page.expert.is_onboarded:
        return _("Completa tu perfil de experto para mostrar interés en proyectos.")
    if page.expert.is_paused:
        return _("Tu perfil está en pausa: reactívalo para mostrar interés.")
    if page.expert.visibility == Visibility.HIDDEN:
        return _("Tu perfil está oculto: hazlo visible para mostrar interés.")
    if page.my_engagement is not None:
        return _("Ya colaboras en este proyecto.")
    if page.my_interest is not None and page.my_interest.status == RequestStatus.PENDING:
        return _("Ya enviaste tu interés; la institución te responderá pronto.")
    if page.my_invitation is not None and page.my_invitation.status == RequestStatus.PENDING:
        return _("Tienes una invitación a este proyecto: respóndela abajo.")
    return ""
