"""Reads for the institution pages, scoped to the user asking (out of scope means 404)."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from profiles.models import Institution, Membership, MembershipInvitation, User
from profiles.services.institutions import invitation_expires_at, invitation_is_expired


def membership_list_for_user(*, user: User) -> QuerySet[Membership]:
    """The user's memberships with their institution (page "My institutions")."""
    return (
        Membership.objects.filter(user=user)
        .select_related("institution__state")
        .annotate(member_count=Count("institution__memberships", distinct=True))
        .order_by("institution__name", "pk")
    )


def institution_get_visible(*, slug: str, user: object) -> tuple[Institution, Membership | None]:
    """A verified institution for anyone; a pending or rejected one only for its members and
    platform staff. Returns the viewer's membership too (None for non-members)."""
    institution = get_object_or_404(Institution.objects.select_related("state"), slug=slug)
    membership = None
    if getattr(user, "is_authenticated", False):
        membership = Membership.objects.filter(institution=institution, user=user).first()
    if not institution.is_verified and membership is None and not getattr(user, "is_staff", False):
        raise Http404
    return institution, membership


def institution_get_for_member(*, slug: str, user: object) -> tuple[Institution, Membership]:
    institution = get_object_or_404(
        Institution.objects.of_member(user).select_related("state"), slug=slug
    )
    return institution, Membership.objects.get(institution=institution, user=user)


def institution_get_administered(*, slug: str, user: object) -> Institution:
    return get_object_or_404(
        Institution.objects.administered_by(user).select_related("state"), slug=slug
    )


@dataclass(frozen=True)
class OpenInvitation:
    invitation: MembershipInvitation
    is_expired: bool

    @property
    def expires_at(self) -> object:
        return invitation_expires_at(self.invitation)


def institution_members(*, institution: Institution) -> QuerySet[Membership]:
    """Members, admins first, then by name; the user is joined so templates do not query."""
    return (
        Membership.objects.filter(institution=institution)
        .select_related("user")
        .order_by("role", "user__name", "user__email", "pk")
    )


def institution_open_invitations(*, institution: Institution) -> list[OpenInvitation]:
    invitations = (
        MembershipInvitation.objects.filter(
            institution=institution, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )
    return [OpenInvitation(i, invitation_is_expired(i)) for i in invitations]


def institution_admin_count(*, institution: Institution) -> int:
    return Membership.objects.filter(institution=institution, role=Membership.Role.ADMIN).count()


def invitation_get_by_token(*, token: str) -> MembershipInvitation:
    return get_object_or_404(
        MembershipInvitation.objects.select_related("institution__state", "invited_by"),
        token=token,
    )
