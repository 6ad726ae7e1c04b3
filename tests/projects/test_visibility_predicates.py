"""Project.objects.visible_to(user) with one small subquery per way of taking part: the same
projects as the former single subquery over memberships, interests and invitations OR'ed."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from profiles.models import User
from profiles.permissions import is_network_member
from projects.models import Project
from projects.models.projects import PUBLIC_STATUSES
from tests.factories.profiles import ExpertProfileFactory, UserFactory
from tests.factories.projects import (
    InterestFactory,
    InvitationFactory,
    ProjectFactory,
    PublishedProjectFactory,
)


def _reference(user: User | AnonymousUser) -> set[int]:
    """The former formulation, kept here as the specification."""
    public = Q(status__in=PUBLIC_STATUSES)
    if not user.is_authenticated:
        shown = Project.objects.filter(public, visibility="public")
    elif user.is_staff:
        shown = Project.objects.all()
    else:
        audience = ["public", "members"] if is_network_member(user) else ["public"]
        involved = (
            Q(institution__memberships__user=user)
            | Q(interests__expert__user=user)
            | Q(invitations__expert__user=user)
        )
        mine = Project.objects.filter(involved).values("pk")
        shown = Project.objects.filter((public & Q(visibility__in=audience)) | Q(pk__in=mine))
    return set(shown.values_list("pk", flat=True))


def test_visible_projects_are_the_same_as_before_for_every_kind_of_reader(
    institution, liaison, stranger, expert, other_expert, staff
):
    PublishedProjectFactory(visibility="public")
    PublishedProjectFactory(visibility="members")
    ProjectFactory(institution=institution)  # a draft of the liaison's institution
    ProjectFactory(institution=institution, status="closed", visibility="members")
    InterestFactory(expert=expert, project=PublishedProjectFactory(visibility="members"))
    InterestFactory(expert=expert, project=ProjectFactory(status="closed"))
    InvitationFactory(expert=other_expert, project=ProjectFactory(status="in_review"))
    readers = [
        AnonymousUser(),
        liaison,
        stranger,
        expert.user,
        other_expert.user,
        ExpertProfileFactory(onboarded_at=None).user,
        UserFactory(),
        staff,
    ]
    for reader in readers:
        shown = set(Project.objects.visible_to(reader).values_list("pk", flat=True))
        assert shown == _reference(reader), reader


@pytest.mark.parametrize("reader", ["liaison", "expert_owner"])
def test_a_visible_project_is_read_without_joining_every_way_of_taking_part(request, reader):
    user = request.getfixturevalue(reader)
    sql = str(Project.objects.visible_to(user).query)
    assert sql.count("JOIN") <= 4
