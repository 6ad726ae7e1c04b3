"""Reads for the institution pages, scoped to the user asking: a row out of scope raises
`DoesNotExist` (views turn it into a 404 with network.web.get_or_404)."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet

from profiles.models import Institution, Membership, MembershipInvitation, User
from profiles.permissions import signed_in
from profiles.services.institutions import invitation_expires_at, invitation_is_expired


def membership_list_for_user(*, user: User) -> QuerySet[Membership]:
    """The user's memberships with their institution (page "My institutions")."""
    return (
        Membership.objects.filter(user=user)
        .select_related("institution__state")
        .annotate(member_count=Count("institution__memberships", distinct=True))
        .order_by("institution__name", "pk")
    )


def institution_get_visible(
    *, slug: str, user: User | AnonymousUser
) -> tuple[Institution, Membership | None]:
    """A verified institution for anyone; a pending or rejected one only for its members and
    platform staff. Returns the viewer's membership too (None for non-members)."""
    institution = Institution.objects.select_related("state").get(slug=slug)
    membership = None
    if signed_in(user):
        membership = Membership.objects.filter(institution=institution, user=user).first()
    if not institution.is_verified and membership is None and not user.is_staff:
        raise Institution.DoesNotExist
    return institution, membership


def institution_get_for_member(*, slug: str, user: User) -> tuple[Institution, Membership]:
    institution = Institution.objects.of_member(user).select_related("state").get(slug=slug)
    return institution, Membership.objects.get(institution=institution, user=user)


def institution_get_administered(*, slug: str, user: User) -> Institution:
    return Institution.objects.administered_by(user).select_related("state").get(slug=slug)


@dataclass(frozen=True)
class OpenInvitation:
    invitation: MembershipInvitation
    is_expired: bool

    @property
    def expires_at(self) -> datetime.datetime:
        return invitation_expires_at(self.invitation)


def membership_list_for_institution(*, institution: Institution) -> QuerySet[Membership]:
    """Members, admins first, then by name; the user is joined so templates do not query."""
    return (
        Membership.objects.filter(institution=institution)
        .select_related("user")
        .order_by("role", "user__name", "user__email", "pk")
    )


def membership_get_for_institution(*, institution: Institution, pk: int) -> Membership:
    """One membership of `institution` (with its user); another institution's is out of scope."""
    return Membership.objects.select_related("user").get(pk=pk, institution=institution)


def invitation_list_open(*, institution: Institution) -> list[OpenInvitation]:
    """The invitations nobody answered or revoked yet, newest first, expired ones marked."""
    invitations = (
        MembershipInvitation.objects.filter(
            institution=institution, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )
    return [OpenInvitation(i, invitation_is_expired(i)) for i in invitations]


def invitation_get_for_institution(*, institution: Institution, pk: int) -> MembershipInvitation:
    return MembershipInvitation.objects.select_related("institution").get(
        pk=pk, institution=institution
    )


def invitation_get_by_token(*, token: str) -> MembershipInvitation:
    return MembershipInvitation.objects.select_related("institution__state", "invited_by").get(
        token=token
    )
